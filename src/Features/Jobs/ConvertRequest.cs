using System.Security.Cryptography;
using System.Text;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Jobs.Idempotency;
using Konvrt.Portal.Infrastructure.Errors;
using Konvrt.Portal.Infrastructure.Outbound;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// <c>POST /convert</c>'s body, read and checked before the handler runs, so the endpoint's filters see the
/// request it is (idempotency hashes it). Either <see cref="Refusal"/> says what is wrong with it, or it is a
/// file with its options.
/// </summary>
public sealed class ConvertRequest : IIdempotentRequest
{
    private readonly ConvertUpload.SpooledFile? file;

    private ConvertRequest(ProblemHttpResult refusal) => Refusal = refusal;

    private ConvertRequest(ConvertUpload.SpooledFile file, ConversionOptions options, bool async, string? webhookUrl)
    {
        this.file = file;
        Options = options;
        Async = async;
        WebhookUrl = webhookUrl;
    }

    public ProblemHttpResult? Refusal { get; }

    public ConvertUpload.SpooledFile File => file ?? throw new InvalidOperationException("A refused request has no file.");

    public ConversionOptions Options { get; } = new();

    public bool Async { get; }

    public string? WebhookUrl { get; }

    public bool Refused => Refusal is not null;

    /// <summary>What makes two requests the same request: the file's bytes, the options and async.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{File.Sha256}|{Options.Normalized()}|async={Async}")));

    public static async ValueTask<ConvertRequest> BindAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var limits = services.GetRequiredService<IOptions<ConversionLimits>>().Value;
        var (upload, refusal) = await ConvertRequestReader.ReadAsync(context.Request, services.GetRequiredService<UploadSpool>(), limits.MaxInputBytes, context.RequestAborted);
        if (refusal is not null)
        {
            return new ConvertRequest(refusal);
        }
        // The spooled file lives as long as the request: the job is stored from it, then it deletes itself.
        context.Response.RegisterForDisposeAsync(upload!);

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (upload!.File is null)
        {
            errors[ConvertRequestReader.FileField] = ["is required: send the image as a form field named 'file'."];
        }
        var asyncText = upload.Field(ConvertRequestFields.Async.Name);
        var async = asyncText.ToLowerInvariant() is "true" or "1";
        if (asyncText.Length > 0 && asyncText.ToLowerInvariant() is not ("true" or "1" or "false" or "0"))
        {
            errors[ConvertRequestFields.Async.Name] = [$"'{asyncText}' is not true or false."];
        }
        var webhookUrl = upload.Field(ConvertRequestFields.WebhookUrl.Name) is { Length: > 0 } url ? url : null;
        if (webhookUrl is not null && await services.GetRequiredService<OutboundPolicy>().ProblemWithUrlAsync(webhookUrl, context.RequestAborted) is { } unusable)
        {
            errors[ConvertRequestFields.WebhookUrl.Name] = [unusable];
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
        return errors.Count > 0
            ? new ConvertRequest(ErrorCatalog.InvalidOptions.Result("One or more fields are invalid; each is listed under errors.",
                new Dictionary<string, object?> { ["errors"] = errors }))
            : new ConvertRequest(upload.File!, options!, async, webhookUrl);
    }
}
