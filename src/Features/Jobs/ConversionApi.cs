using Konvrt.Portal.Features.ApiKeys;
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
/// <c>POST /api/v1/convert</c>: multipart/form-data with <c>file</c> and the conversion options as fields,
/// plus <c>async</c> and <c>webhookUrl</c>. 200 with the result when it finishes within the sync wait,
/// otherwise 202 with where to poll. The body is read and checked as a <see cref="ConvertRequest"/>; an
/// <c>Idempotency-Key</c> header makes the call safe to repeat (<see cref="IdempotencyFilter"/>).
/// </summary>
public static class ConversionApi
{
    /// <summary>Maps the endpoint with its idempotency; the composition root adds what other features say about it (credit headers).</summary>
    public static RouteHandlerBuilder MapConversionApi(this RouteGroupBuilder api)
    {
        var maxBytes = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<ConversionLimits>>().Value.MaxInputBytes;
        return api.MapPost("/convert", Convert)
            .AddEndpointFilter<IdempotencyFilter>()
            .WithName("Convert")
            .WithSummary("Uploads an image and converts it.")
            .WithDescription("Send multipart/form-data with the image as 'file' and any conversion options as fields, plus 'async' and 'webhookUrl'. " +
                "Every option is optional; the schema gives each one's type, range or choices and default.")
            .DisableAntiforgery()
            // The whole body, whatever its framing: the file may be MaxInputBytes, its fields and framing 1 MB more.
            .WithMetadata(new RequestSizeLimitAttribute(maxBytes + 1024 * 1024))
            // The handler reads the body itself (so a wrong Content-Type gets a 415 that says what to send); the
            // document describes the form from the options' declarations.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = ConvertFormSchema.Create() } },
                };
                return Task.CompletedTask;
            })
            .Produces<JobResponse>(StatusCodes.Status200OK)
            .Produces<JobResponse>(StatusCodes.Status202Accepted)
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
    private readonly record struct ConvertServices(HttpRequest Request, ApiCaller Caller, JobQueue Queue);

    private static async Task<Results<Ok<JobResponse>, Accepted<JobResponse>, ProblemHttpResult>> Convert(
        ConvertRequest conversion, [AsParameters] ConvertServices services, CancellationToken cancellationToken)
    {
        if (conversion.Refusal is { } refusal)
        {
            return refusal;
        }
        var idempotent = services.Request.HttpContext.Features.Get<IdempotentWork>();
        ConversionJob job;
        if (idempotent?.EarlierJobId is { } earlier)
        {
            // An earlier holder of the key made the job and died: answer from it, never convert twice.
            job = await services.Queue.WaitAsync(earlier, conversion.Async ? TimeSpan.Zero : services.Queue.SyncWait, cancellationToken)
                ?? throw new InvalidOperationException($"The job {earlier} of an idempotency key is gone.");
        }
        else
        {
            try
            {
                job = await services.Queue.SubmitAndWaitAsync(
                    new JobSubmission(services.Caller.WorkspaceId, conversion.File.FileName, conversion.File.Content, conversion.Options, JobOrigin.Api,
                        services.Caller.KeyId, conversion.WebhookUrl,
                        idempotent is null ? null : (db, jobId, ct) => IdempotencyStore.AttachJobAsync(db, idempotent.Hold, jobId, ct)),
                    conversion.Async, cancellationToken);
            }
            catch (InsufficientCreditsException shortage)
            {
                return NotEnoughCredits(shortage, services.Request);
            }
        }
        var apiBase = ApiUrls.BaseOf(services.Request);
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
