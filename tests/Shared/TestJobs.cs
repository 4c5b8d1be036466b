using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Jobs;

namespace Konvrt.Portal.TestSupport;

/// <summary>
/// The one builder of job rows for tests that read jobs (history, statistics, pages): a job as the pipeline leaves
/// it, every stage stamped, in the given status. Shared by the component and the integration tests.
/// </summary>
internal static class TestJobs
{
    public static ConversionJob Job(
        Guid workspaceId, string name, DateTimeOffset createdAt, JobStatus status = JobStatus.Completed,
        string outputFormat = "webp", JobOrigin origin = JobOrigin.Api, long inputBytes = 2_000_000, long outputBytes = 150_000,
        string? storedIn = null, bool test = false)
    {
        var id = Guid.NewGuid();
        var completed = status == JobStatus.Completed;
        var finished = status is JobStatus.Completed or JobStatus.Failed or JobStatus.Expired;
        return new ConversionJob
        {
            Id = id,
            WorkspaceId = workspaceId,
            Origin = origin,
            IsTest = test,
            SourceFileName = name,
            InputBlob = BlobKeys.Input(workspaceId, id),
            InputBytes = inputBytes,
            InputSha256 = id.ToString("N") + id.ToString("N"),
            InputFormat = "jpeg",
            InputWidth = 4032,
            InputHeight = 3024,
            Outputs =
            [
                new JobOutput
                {
                    JobId = id,
                    Index = 0,
                    Name = "main",
                    Options = new ConversionOptions { Quality = 80, MaxWidth = 1200 },
                    OptionsNormalized = "format=webp;quality=80;maxWidth=1200",
                    Format = completed ? outputFormat : null,
                    Bytes = completed ? outputBytes : null,
                    Width = completed ? 1200 : null,
                    Height = completed ? 900 : null,
                    Blob = completed ? BlobKeys.Output(workspaceId, id, "main", "." + outputFormat) : null,
                    StorageKey = storedIn is null ? null : $"products/{Path.GetFileNameWithoutExtension(name)}/main.{outputFormat}",
                    StoreStatus = storedIn is null ? null : completed ? StoreStatus.Stored : StoreStatus.Pending,
                },
            ],
            StorageName = storedIn,
            Status = status,
            ErrorCode = status == JobStatus.Failed ? "invalid-image" : null,
            ErrorMessage = status == JobStatus.Failed ? "The image is truncated." : null,
            CreatedAt = createdAt,
            UploadedAt = createdAt,
            ValidatedAt = createdAt.AddMilliseconds(40),
            ConvertedAt = completed ? createdAt.AddMilliseconds(300) : null,
            OptimizedAt = completed ? createdAt.AddMilliseconds(450) : null,
            StoredAt = completed ? createdAt.AddMilliseconds(460) : null,
            NotifiedAt = finished ? createdAt.AddMilliseconds(470) : null,
            CompletedAt = finished ? createdAt.AddMilliseconds(470) : null,
            Attempts = finished ? 1 : 0,
            AvailableAt = createdAt,
            // A day past whichever is later, its creation or now: a row seeded with an old date must not be expired by
            // the host's own retention sweep (on the real clock) while a test reads it.
            ExpiresAt = (createdAt > TimeProvider.System.GetUtcNow() ? createdAt : TimeProvider.System.GetUtcNow()).AddDays(1),
        };
    }
}
