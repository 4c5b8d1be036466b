using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>A deleted workspace's uploads and outputs leave storage too (copies in the customer's own bucket stay theirs).</summary>
internal sealed class JobFilesCleanup(IBlobStore blobs, ILogger<JobFilesCleanup> logger) : IWorkspaceCleanup
{
    public async Task<Func<CancellationToken, Task>> PrepareAsync(PortalDbContext db, Guid workspaceId, CancellationToken cancellationToken)
    {
        var inputs = await db.Jobs.Where(job => job.WorkspaceId == workspaceId).Select(job => job.InputBlob).ToListAsync(cancellationToken);
        var outputs = await (
            from output in db.Set<JobOutput>()
            join job in db.Jobs on output.JobId equals job.Id
            where job.WorkspaceId == workspaceId && output.Blob != null
            select output.Blob!).ToListAsync(cancellationToken);
        var files = inputs.Concat(outputs).Distinct(StringComparer.Ordinal).ToList();
        return async ct =>
        {
            foreach (var file in files)
            {
                try
                {
                    await blobs.DeleteAsync(file, ct);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The workspace is gone either way; a file left behind is logged for the operator.
                    logger.LogWarning(exception, "Could not delete {Blob} of a deleted workspace", file);
                }
            }
        };
    }
}
