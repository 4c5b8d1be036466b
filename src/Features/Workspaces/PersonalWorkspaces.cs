using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>A user never exists without a workspace to act in, and leaves no orphaned personal workspace behind.</summary>
internal sealed class PersonalWorkspaces(WorkspaceDirectory workspaces) : IAccountLifecycleHooks
{
    public Task AccountCreatedAsync(PortalDbContext db, PortalUser user, CancellationToken cancellationToken)
    {
        workspaces.AddPersonalWorkspace(db, user);
        return Task.CompletedTask;
    }

    public Task AccountDeletingAsync(PortalDbContext db, PortalUser user, CancellationToken cancellationToken) =>
        workspaces.DeleteOrHandOverAsync(db, user.Id, cancellationToken);
}
