using Konvrt.Portal.Infrastructure.Database;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>
/// What a feature above Workspaces keeps outside the database (a job's files) and must remove when a workspace is
/// deleted: read in the deleting transaction, done once the rows are gone, so a failed deletion loses no file.
/// </summary>
public interface IWorkspaceCleanup
{
    /// <returns>What to do after the deletion commits; its rows go with the workspace's (the schema cascades).</returns>
    Task<Func<CancellationToken, Task>> PrepareAsync(PortalDbContext db, Guid workspaceId, CancellationToken cancellationToken);
}
