using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.ComponentTests.Features.Jobs;

/// <summary>Job rows for pages to show, written straight to the test's SQLite file.</summary>
internal static class ComponentJobs
{
    public static ConversionJob Job(
        Guid workspaceId, string name, DateTimeOffset createdAt, JobStatus status = JobStatus.Completed,
        string outputFormat = "webp", JobOrigin origin = JobOrigin.Browser, long inputBytes = 2_000_000, long outputBytes = 150_000)
    {
        var id = Guid.NewGuid();
        var completed = status == JobStatus.Completed;
        return new ConversionJob
        {
            Id = id,
            WorkspaceId = workspaceId,
            Origin = origin,
            SourceFileName = name,
            InputBlob = BlobKeys.Input(workspaceId, id),
            InputBytes = inputBytes,
            InputSha256 = id.ToString("N") + id.ToString("N"),
            InputFormat = "jpeg",
            InputWidth = 4032,
            InputHeight = 3024,
            Options = new Konvrt.Portal.Features.Conversion.Options.ConversionOptions { Quality = 80, MaxWidth = 1200 },
            OptionsNormalized = "format=webp;quality=80;maxWidth=1200",
            Status = status,
            OutputFormat = completed ? outputFormat : null,
            OutputBytes = completed ? outputBytes : null,
            OutputWidth = completed ? 1200 : null,
            OutputHeight = completed ? 900 : null,
            OutputBlob = completed ? BlobKeys.Output(workspaceId, id, "." + outputFormat) : null,
            ErrorCode = status == JobStatus.Failed ? "invalid-image" : null,
            ErrorMessage = status == JobStatus.Failed ? "The image is truncated." : null,
            CreatedAt = createdAt,
            UploadedAt = createdAt,
            ValidatedAt = createdAt.AddMilliseconds(40),
            ConvertedAt = completed ? createdAt.AddMilliseconds(300) : null,
            OptimizedAt = completed ? createdAt.AddMilliseconds(450) : null,
            StoredAt = completed ? createdAt.AddMilliseconds(460) : null,
            NotifiedAt = status is JobStatus.Completed or JobStatus.Failed ? createdAt.AddMilliseconds(470) : null,
            CompletedAt = status is JobStatus.Completed or JobStatus.Failed ? createdAt.AddMilliseconds(470) : null,
            Attempts = 1,
            AvailableAt = createdAt,
            ExpiresAt = createdAt.AddDays(1),
        };
    }

    public static void Seed(this IDbContextFactory<PortalDbContext> contexts, params ConversionJob[] jobs)
    {
        using var db = contexts.CreateDbContext();
        db.Jobs.AddRange(jobs);
        db.SaveChanges();
    }
}
