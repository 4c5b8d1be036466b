using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>A page of the audit log, newest first.</summary>
public sealed record AuditResults(IReadOnlyList<AuditEntry> Entries, int Total);

/// <summary>
/// Writes and reads workspaces' audit logs. <see cref="Add"/> puts the entry in the caller's context, so it is saved
/// in the same transaction as the change it records: a change is never without its line, nor a line without its change.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public void Add(PortalDbContext db, Guid workspaceId, AuditActor actor, string action, string subject, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            WorkspaceId = workspaceId,
            At = clock.GetUtcNow(),
            ActorUserId = actor.UserId,
            Actor = Clip(actor.Label, 256),
            Action = action,
            Subject = Clip(subject, 512),
            Detail = detail is null ? null : Clip(detail, 1024),
        });

    /// <param name="area">The part of the action before the dot ("member", "api-key"); null for all.</param>
    /// <param name="search">Matched, ignoring case, against who and what.</param>
    public async Task<AuditResults> PageAsync(
        Guid workspaceId, string? area, string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking().Where(entry => entry.WorkspaceId == workspaceId);
        if (area is { Length: > 0 })
        {
            var prefix = area + ".";
            query = query.Where(entry => entry.Action.StartsWith(prefix));
        }
        if (search is { Length: > 0 })
        {
            var needle = search.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Runs in the database as lower() and a substring search, never in .NET.
            query = query.Where(entry => entry.Actor.ToLower().Contains(needle) || entry.Subject.ToLower().Contains(needle));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(entry => entry.At).ThenByDescending(entry => entry.Id)
            .Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AuditResults(entries, total);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
