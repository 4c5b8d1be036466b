using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Infrastructure;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>An upload to convert, as the API or the browser page hands it over.</summary>
/// <param name="Content">The upload, read once and streamed to storage: never held whole in memory.</param>
/// <param name="RecordAlongside">Written in the very transaction that saves the job (an idempotency key's link to it):
/// both are kept, or neither.</param>
public sealed record JobSubmission(
    Guid WorkspaceId,
    string FileName,
    Stream Content,
    ConversionOptions Options,
    JobOrigin Origin,
    Guid? ApiKeyId = null,
    string? WebhookUrl = null,
    Func<PortalDbContext, Guid, CancellationToken, Task>? RecordAlongside = null);
