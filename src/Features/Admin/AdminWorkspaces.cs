using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Admin;

/// <summary>A workspace as the admin console lists it, with its members.</summary>
public sealed record AdminWorkspaceRow(Guid Id, string Name, WorkspacePlan Plan, bool IsPersonal, int Balance, IReadOnlyList<AdminMember> Members);

public sealed record AdminMember(string Email, WorkspaceRole Role);

/// <summary>Workspaces across the site: find them, see who is in them and what they hold; set a plan, grant credits.</summary>
public sealed class AdminWorkspaces(IDbContextFactory<PortalDbContext> contexts, WorkspaceDirectory directory, CreditLedger ledger, CreditGrants grants)
{
    /// <param name="search">Matched against the workspace's name and its members' e-mail addresses.</param>
    public async Task<IReadOnlyList<AdminWorkspaceRow>> SearchAsync(string? search, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Workspaces.AsNoTracking();
        if (search is { Length: > 0 })
        {
            var needle = search.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Runs in the database as upper() and a substring search, never in .NET.
            query = query.Where(workspace => workspace.Name.ToUpper().Contains(needle)
                || db.WorkspaceMembers.Any(member => member.WorkspaceId == workspace.Id
                    && db.Users.Any(user => user.Id == member.UserId && user.Email!.ToUpper().Contains(needle))));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var found = await query.OrderBy(workspace => workspace.Name).ThenBy(workspace => workspace.Id).Take(take).ToListAsync(cancellationToken);
        var ids = found.Select(workspace => workspace.Id).ToList();
        var balances = await ledger.BalancesAsync(ids, cancellationToken);
        var members = await (from member in db.WorkspaceMembers
                             join user in db.Users on member.UserId equals user.Id
                             where ids.Contains(member.WorkspaceId)
                             select new { member.WorkspaceId, user.Email, member.Role }).ToListAsync(cancellationToken);
        return [.. found.Select(workspace => new AdminWorkspaceRow(workspace.Id, workspace.Name, workspace.Plan, workspace.IsPersonal,
            balances[workspace.Id],
            [.. members.Where(m => m.WorkspaceId == workspace.Id).OrderBy(m => m.Role).Select(m => new AdminMember(m.Email ?? "", m.Role))]))];
    }

    public Task<bool> SetPlanAsync(Guid workspaceId, WorkspacePlan plan, AuditActor admin, CancellationToken cancellationToken) =>
        directory.SetPlanAsync(workspaceId, plan, admin, cancellationToken);

    /// <returns>Null when granted; otherwise why not.</returns>
    public async Task<string?> GrantCreditsAsync(Guid workspaceId, int credits, string reason, AuditActor admin, CancellationToken cancellationToken)
    {
        if (credits is < 1 or > 10_000_000)
        {
            return "Grant between 1 and 10,000,000 credits.";
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "Say why: the reason is in the workspace's ledger and audit log.";
        }
        if (await directory.FindAsync(workspaceId, cancellationToken) is null)
        {
            return "There is no such workspace any more.";
        }
        await grants.GrantAsync(workspaceId, credits, reason, admin, cancellationToken);
        return null;
    }
}
