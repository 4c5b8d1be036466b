using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Admin;

/// <summary>A failed job as the admin console lists it, with the workspace it belongs to.</summary>
public sealed record AdminJobRow(Guid Id, Guid WorkspaceId, string WorkspaceName, string SourceFileName, string? ErrorCode, string? ErrorMessage,
    DateTimeOffset CreatedAt, DateTimeOffset? FailedAt, bool FilesKept);

/// <summary>Jobs that failed, in every workspace, with their errors; and the retry an administrator gives one.</summary>
public sealed class AdminJobs(IDbContextFactory<PortalDbContext> contexts, JobLifecycle lifecycle, JobSignal signal, AuditTrail audit)
{
    /// <param name="search">Matched against the error's code, the file's name and the workspace's name.</param>
    public async Task<IReadOnlyList<AdminJobRow>> FailedAsync(string? search, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = from job in db.Jobs.AsNoTracking().IgnoreAutoIncludes()
                    join workspace in db.Workspaces on job.WorkspaceId equals workspace.Id
                    where job.Status == JobStatus.Failed
                    select new { job, workspace.Name };
        if (search is { Length: > 0 })
        {
            var needle = search.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Runs in the database as upper() and a substring search, never in .NET.
            query = query.Where(row => row.job.ErrorCode!.ToUpper().Contains(needle) || row.job.SourceFileName.ToUpper().Contains(needle)
                || row.Name.ToUpper().Contains(needle));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var found = await query.OrderByDescending(row => row.job.CreatedAt).Take(take).ToListAsync(cancellationToken);
        return [.. found.Select(row => new AdminJobRow(row.job.Id, row.job.WorkspaceId, row.Name, row.job.SourceFileName, row.job.ErrorCode,
            row.job.ErrorMessage, row.job.CreatedAt, row.job.CompletedAt, row.job.ExpiredAt is null))];
    }

    /// <returns>Null when the job is queued again; otherwise why not.</returns>
    public async Task<string?> RetryAsync(Guid jobId, AuditActor admin, CancellationToken cancellationToken)
    {
        ConversionJob? retried;
        try
        {
            retried = await lifecycle.RetryFailedAsync(jobId, (db, job) =>
                audit.Add(db, job.WorkspaceId, admin, AuditActions.JobRetried, job.SourceFileName, $"Job {job.Id}"), cancellationToken);
        }
        catch (InsufficientCreditsException shortage)
        {
            return $"The workspace cannot pay for it: {shortage.Message} Grant credits first.";
        }
        if (retried is null)
        {
            return "Only a failed job whose files are still kept can be retried.";
        }
        signal.Notify();
        return null;
    }
}
