using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Konvrt.Portal.Features.Api;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// <c>POST /api/v1/convert</c>: multipart/form-data with <c>file</c> and the conversion options as fields,
/// plus <c>async</c> and <c>webhookUrl</c>. 200 with the result when it finishes within the sync wait,
/// otherwise 202 with where to poll. An <c>Idempotency-Key</c> header makes the call safe to repeat.
/// </summary>
public static class ConversionApi
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private static readonly string[] TransportFields = ["async", "webhookUrl"];

    public static RouteGroupBuilder MapConversionApi(this RouteGroupBuilder api)
    {
        var maxBytes = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<ConversionLimits>>().Value.MaxInputBytes;
        api.MapPost("/convert", Convert)
            .WithName("Convert")
            .WithSummary("Uploads an image and converts it.")
            .WithDescription("Send multipart/form-data with the image as 'file' and any conversion options as fields (format, quality, width, height, " +
                "maxWidth, maxHeight, fit, crop, background, enlarge, lossless, keepMetadata, progressive, compressionLevel, palette), " +
                "plus 'async' (true to return at once) and 'webhookUrl'. The file type is judged from its content, never its name.")
            .DisableAntiforgery()
            .WithMetadata(
                new RequestSizeLimitAttribute(maxBytes + 1024 * 1024),
                new RequestFormLimitsAttribute { MultipartBodyLengthLimit = maxBytes })
            .Accepts<ConvertForm>("multipart/form-data")
            .Produces<JobResponse>(StatusCodes.Status200OK)
            .Produces<JobResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<IResult> Convert(
        HttpRequest request, ApiCaller caller, JobQueue queue, IdempotencyStore idempotency, IJobCharges charges, Webhooks.WebhookUrlPolicy webhookUrls,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return InvalidRequest(new() { ["file"] = ["Send the image as multipart/form-data with a field named 'file'."] });
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return TypedResults.Problem("The upload is larger than this server accepts.", statusCode: 413,
                title: "File too large", type: ProblemTypes.PayloadTooLarge);
        }

        var (parsed, errors) = ReadRequest(form);
        if (errors.Count > 0)
        {
            return InvalidRequest(errors);
        }
        var (file, options, async, webhookUrl) = parsed!.Value;
        if (webhookUrl is not null && await webhookUrls.ProblemWithAsync(webhookUrl, cancellationToken) is { } unusable)
        {
            return InvalidRequest(new() { ["webhookUrl"] = [unusable] });
        }

        var key = request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 0)
        {
            if (key.Length > 255 || key.Any(char.IsControl))
            {
                return InvalidRequest(new() { [IdempotencyHeader] = ["must be at most 255 printable characters."] });
            }
            var claim = await idempotency.ClaimAsync(caller.WorkspaceId, key, await HashAsync(file, options, async, cancellationToken), cancellationToken);
            switch (claim)
            {
                case IdempotencyStore.Repeat repeat:
                    request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                    await CreditHeadersAsync(request, charges, caller.WorkspaceId, charged: 0, cancellationToken);
                    return repeat.Response;
                case IdempotencyStore.Mismatch:
                    return TypedResults.Problem($"The {IdempotencyHeader} '{key}' was already used for a different request in the last 24 hours.",
                        statusCode: 422, title: "Idempotency key reused", type: ProblemTypes.IdempotencyKeyReused);
            }
        }

        try
        {
            ConversionJob job;
            try
            {
                await using var content = file.OpenReadStream();
                job = await queue.SubmitAndWaitAsync(
                    new JobSubmission(caller.WorkspaceId, file.FileName, content, options, JobOrigin.Api, caller.KeyId, webhookUrl),
                    async, cancellationToken);
            }
            catch (InsufficientCreditsException shortage)
            {
                // Not remembered under the idempotency key: the same request may succeed once credits are bought.
                if (key.Length > 0)
                {
                    await idempotency.AbandonAsync(caller.WorkspaceId, key);
                }
                await CreditHeadersAsync(request, charges, caller.WorkspaceId, charged: 0, cancellationToken);
                return NotEnoughCredits(shortage, request);
            }
            await CreditHeadersAsync(request, charges, caller.WorkspaceId, job.CreditsCharged, cancellationToken);
            var response = Render(job, ApiUrls.BaseOf(request), json.Value.SerializerOptions);
            if (key.Length > 0)
            {
                await idempotency.CompleteAsync(caller.WorkspaceId, key, response, CancellationToken.None);
            }
            return response;
        }
        catch when (key.Length > 0)
        {
            await idempotency.AbandonAsync(caller.WorkspaceId, key);
            throw;
        }
    }

    private static ((IFormFile File, ConversionOptions Options, bool Async, string? WebhookUrl)? Request, Dictionary<string, string[]> Errors) ReadRequest(IFormCollection form)
    {
        var errors = new Dictionary<string, string[]>();
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            errors["file"] = ["is required: send the image as a form field named 'file'."];
        }
        var async = false;
        var asyncText = form["async"].ToString();
        if (asyncText.Length > 0 && !TryParseBoolean(asyncText, out async))
        {
            errors["async"] = [$"'{asyncText}' is not true or false."];
        }
        string? webhookUrl = form["webhookUrl"].ToString() is { Length: > 0 } url ? url : null;
        if (webhookUrl is not null
            && !(Uri.TryCreate(webhookUrl, UriKind.Absolute, out var webhook) && webhook.Scheme is "http" or "https"))
        {
            errors["webhookUrl"] = ["must be an absolute http or https URL."];
        }
        ConversionOptions? options = null;
        try
        {
            options = ConversionOptionsParser.Parse(form
                .Where(field => !TransportFields.Contains(field.Key, StringComparer.OrdinalIgnoreCase))
                .Select(field => KeyValuePair.Create(field.Key, (string?)field.Value.ToString())));
        }
        catch (InvalidConversionOptionsException invalid)
        {
            foreach (var (name, reasons) in invalid.Errors)
            {
                errors[name] = reasons;
            }
        }
        return errors.Count > 0 ? (null, errors) : ((file!, options!, async, webhookUrl), errors);
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
        headers[CreditsChargedHeader] = charged.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (await charges.BalanceAsync(workspaceId, cancellationToken) is { } balance)
        {
            headers[CreditsRemainingHeader] = balance.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static ProblemHttpResult NotEnoughCredits(InsufficientCreditsException shortage, HttpRequest request)
    {
        var portal = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return TypedResults.Problem(shortage.Message, statusCode: StatusCodes.Status402PaymentRequired, title: "Not enough credits",
            type: ProblemTypes.InsufficientCredits, extensions: new Dictionary<string, object?>
            {
                ["creditsRequired"] = shortage.Required,
                ["creditBalance"] = shortage.Balance,
                ["buyCredits"] = $"{portal}/billing",
            });
    }

    private static ProblemHttpResultWithErrors InvalidRequest(Dictionary<string, string[]> errors) => new(errors);

    private static async Task<string> HashAsync(IFormFile file, ConversionOptions options, bool async, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var content = file.OpenReadStream())
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        hash.AppendData(Encoding.UTF8.GetBytes($"|{options.Normalized()}|async={async}"));
        return System.Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static bool TryParseBoolean(string text, out bool value)
    {
        value = text.ToLowerInvariant() is "true" or "1";
        return text.ToLowerInvariant() is "true" or "1" or "false" or "0";
    }

    /// <summary>400 with every bad field listed under <c>errors</c>, like invalid conversion options.</summary>
    private sealed class ProblemHttpResultWithErrors(Dictionary<string, string[]> errors) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) =>
            TypedResults.Problem("One or more fields are invalid; each is listed under errors.", statusCode: 400,
                title: "Invalid conversion request", type: ProblemTypes.InvalidOptions,
                extensions: new Dictionary<string, object?> { ["errors"] = errors }).ExecuteAsync(httpContext);
    }

    /// <summary>The form, as the OpenAPI document describes it.</summary>
    public sealed record ConvertForm(
        IFormFile File, string? Format, int? Quality, int? Width, int? Height, int? MaxWidth, int? MaxHeight,
        string? Fit, string? Crop, string? Background, bool? Enlarge, bool? Lossless, bool? KeepMetadata,
        bool? Progressive, int? CompressionLevel, bool? Palette, bool? Async, string? WebhookUrl);
}
