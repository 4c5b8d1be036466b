using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

/// <summary>Job rows written straight to the database, for tests of what reads them (history, statistics).</summary>
internal static class SeededJobs
{
    public static ConversionJob Job(
        Guid workspaceId, string name, DateTimeOffset createdAt, JobStatus status = JobStatus.Completed,
        string? outputFormat = "webp", JobOrigin origin = JobOrigin.Api, long inputBytes = 1000, long? outputBytes = 400)
    {
        var id = Guid.NewGuid();
        var finished = status is JobStatus.Completed or JobStatus.Failed or JobStatus.Expired;
        return new ConversionJob
        {
            Id = id,
            WorkspaceId = workspaceId,
            Origin = origin,
            SourceFileName = name,
            InputBlob = BlobKeys.Input(workspaceId, id),
            InputBytes = inputBytes,
            InputSha256 = Convert.ToHexStringLower(id.ToByteArray()).PadRight(64, '0'),
            InputFormat = "jpeg",
            Options = new Konvrt.Portal.Features.Conversion.Options.ConversionOptions(),
            OptionsNormalized = "format=webp",
            Status = status,
            OutputFormat = status == JobStatus.Completed ? outputFormat : null,
            OutputBytes = status == JobStatus.Completed ? outputBytes : null,
            ErrorCode = status == JobStatus.Failed ? "invalid-image" : null,
            CreatedAt = createdAt,
            UploadedAt = createdAt,
            CompletedAt = finished ? createdAt.AddSeconds(1) : null,
            AvailableAt = createdAt,
            ExpiresAt = createdAt.AddDays(1),
        };
    }

    public static async Task SeedAsync(this WebApplicationFactory<Program> portal, params ConversionJob[] jobs)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Jobs.AddRange(jobs);
        await db.SaveChangesAsync();
    }
}
