using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>Reads and removes jobs, always within one workspace: another workspace's job is simply not found.</summary>
public sealed class JobStore(IDbContextFactory<PortalDbContext> contexts, IBlobStore blobs, FinishedJobs finished)
{
    public async Task<ConversionJob?> FindAsync(Guid workspaceId, Guid jobId, CancellationToken cancellationToken)
    {
        if (finished.Find(jobId) is { } settled)
        {
            return settled.WorkspaceId == workspaceId ? settled : null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking()
            .SingleOrDefaultAsync(job => job.Id == jobId && job.WorkspaceId == workspaceId, cancellationToken);
        if (job is not null)
        {
            finished.Remember(job);
        }
        return job;
    }

    /// <summary>A page of the workspace's jobs, newest first, with the count of all that match.</summary>
    /// <param name="test">Test jobs, or live ones: a key sees the jobs of its own mode.</param>
    public async Task<(IReadOnlyList<ConversionJob> Items, int Total)> ListAsync(
        Guid workspaceId, bool test, JobStatus? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var jobs = db.Jobs.AsNoTracking().Where(job => job.WorkspaceId == workspaceId && job.IsTest == test);
        if (status is { } wanted)
        {
            jobs = jobs.Where(job => job.Status == wanted);
        }
        var total = await jobs.CountAsync(cancellationToken);
        var items = await jobs.OrderByDescending(job => job.CreatedAt)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>A batch of this workspace with its jobs in the order they were submitted, or null.</summary>
    public async Task<(Batch Batch, IReadOnlyList<ConversionJob> Jobs)?> FindBatchAsync(Guid workspaceId, Guid batchId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var batch = await db.Set<Batch>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId && b.WorkspaceId == workspaceId, cancellationToken);
        if (batch is null)
        {
            return null;
        }
        var jobs = await db.Jobs.AsNoTracking().Where(job => job.BatchId == batchId)
            .OrderBy(job => job.CreatedAt).ThenBy(job => job.Id).ToListAsync(cancellationToken);
        return (batch, jobs);
    }

    /// <summary>One output's file, when the job is completed and the file still kept; otherwise null.</summary>
    public async Task<BlobContent?> OpenOutputAsync(ConversionJob job, JobOutput output, CancellationToken cancellationToken) =>
        job.Status == JobStatus.Completed && output.Blob is { } blob ? await blobs.OpenReadAsync(blob, cancellationToken) : null;

    /// <summary>
    /// A short-lived URL of the output's file in the bucket itself (<c>Storage:S3:PresignDownloads</c>), when the file
    /// is still kept; otherwise null and the portal streams it.
    /// </summary>
    public async Task<Uri?> PresignOutputAsync(ConversionJob job, JobOutput output, CancellationToken cancellationToken) =>
        job.Status == JobStatus.Completed && output.Blob is { } blob
            && await blobs.PresignDownloadAsync(blob, JobDownloads.DownloadName(job, output), $"image/{output.Format}") is { } url
            && await blobs.ExistsAsync(blob, cancellationToken)
            ? url
            : null;

    /// <summary>
    /// Deletes a finished job and its files. Files another job still shares (a cache hit) stay until that
    /// job goes too. A job still queued or running is not deleted: false.
    /// </summary>
    public async Task<bool> DeleteAsync(Guid workspaceId, Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.SingleOrDefaultAsync(job => job.Id == jobId && job.WorkspaceId == workspaceId, cancellationToken);
        if (job is null || !job.IsFinished)
        {
            return false;
        }
        var files = job.Outputs.Select(output => output.Blob).Append(job.InputBlob).OfType<string>().Distinct().ToList();
        db.Jobs.Remove(job);
        await db.SaveChangesAsync(cancellationToken);
        await finished.ForgetAsync(job.Id, cancellationToken);
        foreach (var blob in files)
        {
            var shared = await db.Jobs.AnyAsync(other => other.InputBlob == blob, cancellationToken)
                || await db.Set<JobOutput>().AnyAsync(output => output.Blob == blob, cancellationToken);
            if (!shared)
            {
                await blobs.DeleteAsync(blob, cancellationToken);
            }
        }
        return true;
    }
}
