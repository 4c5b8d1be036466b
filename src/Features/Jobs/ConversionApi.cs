using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.ApiKeys.Contract;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Jobs.Idempotency;
using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// <c>POST /api/v1/convert</c>: multipart/form-data (files and/or <c>url</c> fields) or JSON (<c>url</c>/<c>urls</c>),
/// with the outputs to make (the options, a <c>preset</c>, or <c>outputs</c>), <c>storage</c>, <c>async</c> and
/// <c>webhookUrl</c>. One source answers a job, several a batch: 200 when everything finished within the sync wait,
/// otherwise 202 with where to wait. The body is read and checked as a <see cref="ConvertRequest"/>; an
/// <c>Idempotency-Key</c> header makes the call safe to repeat (<see cref="IdempotencyFilter"/>).
/// </summary>
public static class ConversionApi
{
    /// <summary>Maps the endpoint with its idempotency; the composition root adds what other features say about it (credit headers).</summary>
    public static RouteHandlerBuilder MapConversionApi(this RouteGroupBuilder api)
    {
        var maxBytes = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<ConversionLimits>>().Value.MaxInputBytes;
        return api.MapPost("/convert", Convert)
            .Requires(WorkspaceAction.Convert)
            .AddEndpointFilter<IdempotencyFilter>()
            .WithName("Convert")
            .WithApiTag(new ApiTag("Conversion", "Converting images: uploaded or fetched by URL, into one or more outputs each."))
            .WithSummary("Convert images")
            .WithDescription("Converts images, uploaded or fetched by URL, into one or more outputs each, optionally stored in the workspace's own bucket. " +
                "Send multipart/form-data with the image as 'file' (or its address as 'url'; several make a batch) and any conversion options as fields, " +
                "or application/json with 'url' or 'urls' (the ConvertJsonRequest schema). Ask for several outputs with 'outputs' or a 'preset'; store them with 'storage' and each output's 'path'. " +
                "Every option is optional; the schema gives each one's type, range or choices and default. One source answers a job; several answer { batchId, jobs }.")
            .DisableAntiforgery()
            // The whole body, whatever its framing: the file may be MaxInputBytes, its fields and framing 1 MB more.
            .WithMetadata(new RequestSizeLimitAttribute(maxBytes + 1024 * 1024))
            // The handler reads the body itself (so a wrong Content-Type gets a 415 that says what to send); the
            // document describes the form from the options' declarations.
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                // The form is the request's one described body: it carries files and everything the JSON body does, and
                // client generators handle one body per operation (NSwag merges two into a request the server cannot
                // read, RicoSuter/NSwag#2706). The JSON body is a schema of its own, named in the description.
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = ConvertFormSchema.Multipart() } },
                };
                context.Document?.AddComponent(ConvertFormSchema.JsonSchemaName, ConvertFormSchema.Json());
                operation.Parameters = [.. operation.Parameters ?? [], IdempotencyFilter.KeyParameter];
                DocumentedHeader.AddTo(operation, DocumentedHeaders.ReachesTheEndpoint, [IdempotencyFilter.Replayed]);
                // One source answers a job, several a batch: both shapes, under one status each.
                foreach (var status in (string[])["200", "202"])
                {
                    if (operation.Responses?.GetValueOrDefault(status) is OpenApiResponse { Content: { } content }
                        && content.TryGetValue("application/json", out var json))
                    {
                        json.Schema = new OpenApiSchema
                        {
                            OneOf = [new OpenApiSchemaReference(nameof(JobResponse), context.Document), new OpenApiSchemaReference(nameof(BatchResponse), context.Document)],
                        };
                    }
                }
                return Task.CompletedTask;
            })
            .Produces<JobResponse>(StatusCodes.Status200OK)
            .Produces<JobResponse>(StatusCodes.Status202Accepted)
            .Produces<BatchResponse>(StatusCodes.Status200OK)
            .Produces<BatchResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage);
    }

    /// <summary>The services the handler uses, bound as one parameter.</summary>
    private readonly record struct ConvertServices(HttpRequest Request, ApiCaller Caller, JobQueue Queue, JobStore Jobs);

    private static async Task<Results<Ok<JobResponse>, Accepted<JobResponse>, Ok<BatchResponse>, Accepted<BatchResponse>, ProblemHttpResult>> Convert(
        ConvertRequest conversion, [AsParameters] ConvertServices services, CancellationToken cancellationToken)
    {
        if (conversion.Refusal is { } refusal)
        {
            return refusal;
        }
        var idempotent = services.Request.HttpContext.Features.Get<IdempotentWork>();
        var wait = conversion.Async ? TimeSpan.Zero : services.Queue.SyncWait;
        JobQueue.Submitted submitted;
        if (idempotent?.EarlierJobId is { } earlier)
        {
            // An earlier holder of the key made the jobs and died: answer from them, never convert twice.
            submitted = conversion.IsBatch
                ? new JobQueue.Submitted((await services.Jobs.FindBatchAsync(services.Caller.WorkspaceId, earlier, cancellationToken))?.Batch,
                    await services.Queue.WaitForBatchAsync(earlier, wait, cancellationToken))
                : new JobQueue.Submitted(null, [await services.Queue.WaitAsync(earlier, wait, cancellationToken)
                    ?? throw new InvalidOperationException($"The job {earlier} of an idempotency key is gone.")]);
        }
        else
        {
            try
            {
                submitted = await services.Queue.SubmitAndWaitAsync(conversion.Submissions(services.Caller), conversion.Async,
                    idempotent is null ? null : (db, id, ct) => IdempotencyStore.AttachJobAsync(db, idempotent.Hold, id, ct), cancellationToken);
            }
            catch (InsufficientCreditsException shortage)
            {
                return NotEnoughCredits(shortage, services.Request);
            }
        }
        var apiBase = ApiUrls.BaseOf(services.Request);
        if (submitted.Batch is { } made)
        {
            var answer = BatchResponse.From(made, submitted.Jobs, apiBase);
            return submitted.Jobs.All(job => job.IsFinished) ? TypedResults.Ok(answer) : TypedResults.Accepted(answer.StatusUrl, answer);
        }
        var job = submitted.Jobs[0];
        return job.Status switch
        {
            JobStatus.Failed => TypedResults.Problem(JobProblems.ForFailedJob(job)),
            JobStatus.Completed => TypedResults.Ok(JobResponse.From(job, apiBase)),
            _ => TypedResults.Accepted($"{apiBase}/status/{job.Id}", JobResponse.From(job, apiBase)),
        };
    }

    private static ProblemHttpResult NotEnoughCredits(InsufficientCreditsException shortage, HttpRequest request)
    {
        var portal = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return ErrorCatalog.InsufficientCredits.Result(shortage.Message, new Dictionary<string, object?>
        {
            ["creditsRequired"] = shortage.Required,
            ["creditBalance"] = shortage.Balance,
            ["buyCredits"] = $"{portal}/billing",
        });
    }
}
