using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Presets;
using Konvrt.Portal.Features.Storage;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>Where a job's image comes from.</summary>
public abstract record JobSource(string FileName);

/// <summary>An upload, read once and streamed to storage: never held whole in memory.</summary>
public sealed record UploadedSource(string FileName, Stream Content) : JobSource(FileName);

/// <summary>A URL the worker fetches (the pipeline's Fetch step) under the outbound address policy.</summary>
public sealed record UrlSource(Uri Url) : JobSource(FileNameOf(Url))
{
    /// <summary>The URL's last path segment, as a download name and for <c>{input}</c>; "image" when it has none.</summary>
    public static string FileNameOf(Uri url) =>
        Uri.UnescapeDataString(url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "") is { Length: > 0 } leaf ? leaf : "image";
}

/// <summary>One source to convert into its outputs, as the API or the portal hands it over.</summary>
/// <param name="Storage">The workspace's destination the outputs are stored in; each output's path says where.</param>
/// <param name="Variables">Values for the outputs' path templates beside the ones the portal fills.</param>
public sealed record JobSubmission(
    Guid WorkspaceId,
    JobSource Source,
    IReadOnlyList<OutputDefinition> Outputs,
    JobOrigin Origin,
    Guid? ApiKeyId = null,
    string? WebhookUrl = null,
    StorageDestination? Storage = null,
    IReadOnlyDictionary<string, string>? Variables = null,
    bool IsTest = false)
{
    /// <summary>The common case: one output, named <c>main</c>.</summary>
    public static IReadOnlyList<OutputDefinition> One(ConversionOptions options) => [new OutputDefinition(OutputDefinition.DefaultName, options)];
}

/// <summary>Written in the very transaction that saves the jobs (an idempotency key's link to them): both are kept, or neither.</summary>
/// <param name="id">The job's id, or the batch's when the request made several jobs.</param>
public delegate Task RecordAlongside(PortalDbContext db, Guid id, CancellationToken cancellationToken);
