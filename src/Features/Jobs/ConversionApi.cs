using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Konvrt.Portal.Features.Jobs.Idempotency;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Infrastructure.Errors;
using Konvrt.Portal.Infrastructure.Outbound;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// <c>POST /api/v1/convert</c>: multipart/form-data with <c>file</c> and the conversion options as fields,
/// plus <c>async</c> and <c>webhookUrl</c>. 200 with the result when it finishes within the sync wait,
/// otherwise 202 with where to poll. An <c>Idempotency-Key</c> header makes the call safe to repeat.
/// </summary>
public static class ConversionApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapConversionApi(this RouteGroupBuilder api)
    {
        var maxBytes = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<ConversionLimits>>().Value.MaxInputBytes;
        api.MapPost("/convert", Convert)
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
        return api;
    }

    private static async Task<IResult> Convert(
        HttpRequest request, ApiCaller caller, JobQueue queue, IdempotencyStore idempotency, IJobCharges charges, OutboundPolicy outbound,
        UploadSpool spool, IOptions<ConversionLimits> limits, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var (upload, refusal) = await ConvertRequestReader.ReadAsync(request, spool, limits.Value.MaxInputBytes, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        await using var received = upload!;
        var (parsed, errors) = ReadRequest(received);
        if (errors.Count > 0)
        {
            return InvalidRequest(errors);
        }
        var conversion = parsed!;
        if (conversion.WebhookUrl is not null && await outbound.ProblemWithUrlAsync(conversion.WebhookUrl, cancellationToken) is { } unusable)
        {
            return InvalidRequest(new() { [ConvertRequestFields.WebhookUrl.Name] = [unusable] });
        }
        var submit = new Submitter(request, caller, queue, charges, json.Value.SerializerOptions, conversion);

        var key = request.Headers[IdempotencyHeader].ToString();
        if (key.Length == 0)
        {
            return await submit.NewJobAsync(hold: null, cancellationToken);
        }
        if (key.Length > 255 || key.Any(char.IsControl))
        {
            return InvalidRequest(new() { [IdempotencyHeader] = ["must be at most 255 printable characters."] });
        }
        switch (await idempotency.ClaimAsync(caller.WorkspaceId, key, conversion.Hash(), cancellationToken))
        {
            case IdempotencyStore.Repeat repeat:
                request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                await CreditHeadersAsync(request, charges, caller.WorkspaceId, charged: 0, cancellationToken);
                return repeat.Response;
            case IdempotencyStore.Mismatch:
                return ErrorCatalog.IdempotencyKeyReused.Result($"The {IdempotencyHeader} '{key}' was already used for a different request in the last 24 hours.");
            case IdempotencyStore.InProgress inProgress:
                var seconds = Math.Max(1, (int)Math.Ceiling(inProgress.RetryAfter.TotalSeconds));
                request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return ErrorCatalog.IdempotencyInProgress.Result(
                    $"The first request with {IdempotencyHeader} '{key}' is still being processed. Repeat it in {seconds} s to get its answer.");
            case IdempotencyStore.First first:
                return await HoldingKeyAsync(submit, idempotency, first, cancellationToken);
            default:
                throw new InvalidOperationException("Unknown idempotency claim.");
        }
    }

    /// <summary>
    /// Works while holding the key (renewing its lease), then stores the answer for the repeats. A holder that
    /// took over from a dead one whose job exists answers from that job instead of converting again.
    /// </summary>
    private static async Task<IResult> HoldingKeyAsync(
        Submitter submit, IdempotencyStore idempotency, IdempotencyStore.First first, CancellationToken cancellationToken)
    {
        StoredResponse? answer = null;
        try
        {
            await using (idempotency.KeepAlive(first.Hold))
            {
                var result = first.JobId is { } earlier
                    ? await submit.ExistingJobAsync(earlier, cancellationToken)
                    : await submit.NewJobAsync(first.Hold, cancellationToken);
                answer = result as StoredResponse;
                if (answer is not null)
                {
                    await idempotency.CompleteAsync(first.Hold, answer, CancellationToken.None);
                }
                return result;
            }
        }
        finally
        {
            if (answer is null)
            {
                // Not remembered (a short balance may be topped up; a failure may pass): a retry runs again.
                await idempotency.ReleaseAsync(first.Hold);
            }
        }
    }

    private static (ConversionRequest? Request, Dictionary<string, string[]> Errors) ReadRequest(ConvertUpload upload)
    {
        var errors = new Dictionary<string, string[]>();
        if (upload.File is null)
        {
            errors["file"] = ["is required: send the image as a form field named 'file'."];
        }
        var async = false;
        var asyncText = upload.Field(ConvertRequestFields.Async.Name);
        if (asyncText.Length > 0 && !TryParseBoolean(asyncText, out async))
        {
            errors[ConvertRequestFields.Async.Name] = [$"'{asyncText}' is not true or false."];
        }
        string? webhookUrl = upload.Field(ConvertRequestFields.WebhookUrl.Name) is { Length: > 0 } url ? url : null;
        if (webhookUrl is not null
            && !(Uri.TryCreate(webhookUrl, UriKind.Absolute, out var webhook) && webhook.Scheme is "http" or "https"))
        {
            errors[ConvertRequestFields.WebhookUrl.Name] = ["must be an absolute http or https URL."];
        }
        ConversionOptions? options = null;
        try
        {
            options = ConversionOptionsParser.Parse(upload.Fields
                .Where(field => !ConvertRequestFields.All.Any(own => own.Name.Equals(field.Key, StringComparison.OrdinalIgnoreCase))));
        }
        catch (InvalidConversionOptionsException invalid)
        {
            foreach (var (name, reasons) in invalid.Errors)
            {
                errors[name] = reasons;
            }
        }
        return errors.Count > 0 ? (null, errors) : (new ConversionRequest(upload.File!, options!, async, webhookUrl), errors);
    }

    /// <summary>A convert request that passed its checks.</summary>
    private sealed record ConversionRequest(ConvertUpload.SpooledFile File, ConversionOptions Options, bool Async, string? WebhookUrl)
    {
        /// <summary>What makes two requests the same request: the file's bytes, the options and async.</summary>
        public string Hash() => System.Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes($"{File.Sha256}|{Options.Normalized()}|async={Async}")));
    }

    /// <summary>Turns a checked request into a job, or an earlier job into this request's answer.</summary>
    private sealed class Submitter(
        HttpRequest request, ApiCaller caller, JobQueue queue, IJobCharges charges, JsonSerializerOptions json, ConversionRequest conversion)
    {
        public async Task<IResult> NewJobAsync(IdempotencyHold? hold, CancellationToken cancellationToken)
        {
            ConversionJob job;
            try
            {
                job = await queue.SubmitAndWaitAsync(
                    new JobSubmission(caller.WorkspaceId, conversion.File.FileName, conversion.File.Content, conversion.Options, JobOrigin.Api,
                        caller.KeyId, conversion.WebhookUrl,
                        hold is null ? null : (db, jobId, ct) => IdempotencyStore.AttachJobAsync(db, hold, jobId, ct)),
                    conversion.Async, cancellationToken);
            }
            catch (InsufficientCreditsException shortage)
            {
                await CreditHeadersAsync(request, charges, caller.WorkspaceId, charged: 0, cancellationToken);
                return NotEnoughCredits(shortage, request);
            }
            return await AnswerAsync(job, cancellationToken);
        }

        public async Task<IResult> ExistingJobAsync(Guid jobId, CancellationToken cancellationToken)
        {
            var job = conversion.Async
                ? await queue.WaitAsync(jobId, TimeSpan.Zero, cancellationToken)
                : await queue.WaitAsync(jobId, queue.SyncWait, cancellationToken);
            return await AnswerAsync(job ?? throw new InvalidOperationException($"The job {jobId} of an idempotency key is gone."), cancellationToken);
        }

        private async Task<IResult> AnswerAsync(ConversionJob job, CancellationToken cancellationToken)
        {
            await CreditHeadersAsync(request, charges, caller.WorkspaceId, job.CreditsCharged, cancellationToken);
            return Render(job, ApiUrls.BaseOf(request), json);
        }
    }

    private static StoredResponse Render(ConversionJob job, string apiBaseUrl, JsonSerializerOptions json)
    {
        if (job.Status == JobStatus.Failed)
        {
            var problem = JobProblems.ForFailedJob(job);
            return new StoredResponse(problem.Status!.Value, "application/problem+json", JsonSerializer.Serialize(problem, json), null);
        }
        var body = JsonSerializer.Serialize(JobResponse.From(job, apiBaseUrl), json);
        return job.Status == JobStatus.Completed
            ? new StoredResponse(StatusCodes.Status200OK, "application/json; charset=utf-8", body, null)
            : new StoredResponse(StatusCodes.Status202Accepted, "application/json; charset=utf-8", body, $"{apiBaseUrl}/status/{job.Id}");
    }

    public const string CreditsChargedHeader = "X-Credits-Charged";
    public const string CreditsRemainingHeader = "X-Credits-Remaining";

    private static async Task CreditHeadersAsync(HttpRequest request, IJobCharges charges, Guid workspaceId, int charged, CancellationToken cancellationToken)
    {
        var headers = request.HttpContext.Response.Headers;
        headers[CreditsChargedHeader] = charged.ToString(CultureInfo.InvariantCulture);
        headers[CreditsRemainingHeader] = (await charges.BalanceAsync(workspaceId, cancellationToken)).ToString(CultureInfo.InvariantCulture);
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

    private static ProblemHttpResultWithErrors InvalidRequest(Dictionary<string, string[]> errors) => new(errors);

    private static bool TryParseBoolean(string text, out bool value)
    {
        value = text.ToLowerInvariant() is "true" or "1";
        return text.ToLowerInvariant() is "true" or "1" or "false" or "0";
    }

    /// <summary>400 with every bad field listed under <c>errors</c>, like invalid conversion options.</summary>
    private sealed class ProblemHttpResultWithErrors(Dictionary<string, string[]> errors) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) =>
            ErrorCatalog.InvalidOptions.Result("One or more fields are invalid; each is listed under errors.",
                new Dictionary<string, object?> { ["errors"] = errors }).ExecuteAsync(httpContext);
    }
}
