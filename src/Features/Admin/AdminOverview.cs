using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Webhooks;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Health;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Admin;

/// <summary>The site at a glance, for the admin console's first page.</summary>
public sealed record AdminSnapshot(
    QueueSnapshot Queue,
    int WorkersHere,
    StoredFiles Files,
    long FreeDiskBytes,
    long DatabaseBytes,
    IReadOnlyList<FailingWebhook> FailingWebhooks,
    IReadOnlyList<FailingStorage> FailingStorage);

/// <summary>
/// What the portal keeps, where (the data folder or the bucket): measured by listing the store, and as the jobs
/// retention has not cleared yet recorded it (the two differ by half-written and orphaned files).
/// </summary>
public sealed record StoredFiles(StorageProvider Where, string? Bucket, StoreSize Measured, int Jobs, long RecordedBytes);

/// <summary>An endpoint whose deliveries fail, or that was disabled for it.</summary>
public sealed record FailingWebhook(Guid WorkspaceId, string WorkspaceName, string Url, bool Enabled, DateTimeOffset? FailingSince, string? DisabledReason);

/// <summary>A workspace's storage destination with outputs it did not take.</summary>
public sealed record FailingStorage(Guid WorkspaceId, string WorkspaceName, string Destination, int Retrying, int GaveUp, string? LastError);

public sealed class AdminOverview(
    IDbContextFactory<PortalDbContext> contexts, QueueMonitor queue, PortalDatabase database, PortalPaths paths,
    IOptions<JobsOptions> jobs, StorageOptions storage, IBlobStore blobs)
{
    /// <summary>A hundred listing requests at most for a bucket; beyond that the page says "at least".</summary>
    private const int MaxBlobsMeasured = 100_000;

    public async Task<AdminSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var kept = db.Jobs.AsNoTracking().IgnoreAutoIncludes().Where(job => job.ExpiredAt == null);
        var inputBytes = await kept.SumAsync(job => job.InputBytes, cancellationToken);
        var outputBytes = await db.Set<JobOutput>().Where(output => kept.Any(job => job.Id == output.JobId)).SumAsync(output => output.Bytes ?? 0, cancellationToken);
        var files = new StoredFiles(storage.Provider, storage.Provider == StorageProvider.S3 ? storage.S3.Bucket : null,
            await blobs.MeasureAsync(MaxBlobsMeasured, cancellationToken), await kept.CountAsync(cancellationToken), inputBytes + outputBytes);

        return new AdminSnapshot(
            await queue.SnapshotAsync(cancellationToken),
            jobs.Value.Workers,
            files,
            FreeDiskCheck.FreeBytes(paths),
            await database.SizeBytesAsync(cancellationToken),
            await FailingWebhooksAsync(db, cancellationToken),
            await FailingStorageAsync(db, cancellationToken));
    }

    private static async Task<IReadOnlyList<FailingWebhook>> FailingWebhooksAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await (from endpoint in db.Set<WebhookEndpoint>().AsNoTracking()
               join workspace in db.Workspaces on endpoint.WorkspaceId equals workspace.Id
               where endpoint.FailingSince != null || (!endpoint.Enabled && endpoint.DisabledReason != null)
               orderby workspace.Name, endpoint.Url
               select new FailingWebhook(workspace.Id, workspace.Name, endpoint.Url, endpoint.Enabled, endpoint.FailingSince, endpoint.DisabledReason))
            .Take(100).ToListAsync(cancellationToken);

    private static async Task<IReadOnlyList<FailingStorage>> FailingStorageAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var outputs = await (from output in db.Set<JobOutput>().AsNoTracking()
                             join job in db.Jobs.IgnoreAutoIncludes() on output.JobId equals job.Id
                             join workspace in db.Workspaces on job.WorkspaceId equals workspace.Id
                             where output.StoreStatus == StoreStatus.Retrying || output.StoreStatus == StoreStatus.Failed
                             select new { job.WorkspaceId, workspace.Name, job.StorageName, output.StoreStatus, output.StoreError, job.CreatedAt })
            .Take(5000).ToListAsync(cancellationToken);
        return [.. outputs.GroupBy(o => (o.WorkspaceId, o.Name, o.StorageName))
            .Select(group => new FailingStorage(group.Key.WorkspaceId, group.Key.Name, group.Key.StorageName ?? "(deleted)",
                group.Count(o => o.StoreStatus == StoreStatus.Retrying), group.Count(o => o.StoreStatus == StoreStatus.Failed),
                group.OrderByDescending(o => o.CreatedAt).First().StoreError))
            .OrderBy(failing => failing.WorkspaceName, StringComparer.Ordinal)];
    }
}
