using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>What the accept page shows for a link, whether or not it can still be accepted.</summary>
public sealed record InvitationView(Guid Id, Guid WorkspaceId, string WorkspaceName, string Email, WorkspaceRole Role, string InvitedBy, bool IsOpen);

/// <summary>
/// Invitations to a workspace by e-mail: sent, listed, resent (a new link; the old one stops working) and revoked by
/// members who manage members, and accepted by the person invited, signed in with the invited address.
/// </summary>
public sealed class Invitations(
    IDbContextFactory<PortalDbContext> contexts, TeamMembers members, AuditTrail audit, InvitationMail mail, TimeProvider clock)
{
    /// <param name="portalUrl">The portal's own address, which the link in the mail points at.</param>
    public async Task<TeamOutcome> InviteAsync(Acting acting, string email, WorkspaceRole role, Uri portalUrl, CancellationToken cancellationToken = default)
    {
        if (!MailAddress.TryCreate(email.Trim(), out var address))
        {
            return TeamOutcome.Refused("Enter a valid e-mail address.");
        }
        var normalized = address.Address;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (workspace, refusal) = await CheckAsync(db, acting, role, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var upper = normalized.ToUpperInvariant();
        if (await (from member in db.WorkspaceMembers
                   join user in db.Users on member.UserId equals user.Id
                   where member.WorkspaceId == workspace!.Id && user.NormalizedEmail == upper
                   select member).AnyAsync(cancellationToken))
        {
            return TeamOutcome.Refused($"{normalized} is already a member.");
        }
        var now = clock.GetUtcNow();
        var open = await db.WorkspaceInvitations.Where(i => i.WorkspaceId == workspace!.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var earlier in open.Where(i => string.Equals(i.Email, normalized, StringComparison.OrdinalIgnoreCase)))
        {
            // One open invitation per address: inviting again replaces the earlier one.
            earlier.RevokedAt = now;
        }
        var token = NewToken();
        var invitation = new WorkspaceInvitation
        {
            WorkspaceId = workspace!.Id,
            Email = normalized,
            Role = role,
            TokenHash = Hash(token),
            InvitedByUserId = acting.UserId,
            CreatedAt = now,
            ExpiresAt = now + WorkspaceInvitation.Lifetime,
        };
        db.WorkspaceInvitations.Add(invitation);
        audit.Add(db, workspace.Id, acting.Actor, AuditActions.MemberInvited, normalized, role.Label());
        await db.SaveChangesAsync(cancellationToken);
        await SendAsync(invitation, token, workspace.Name, acting.Actor.Label, portalUrl, cancellationToken);
        return TeamOutcome.Done;
    }

    /// <summary>Open and lapsed invitations (not accepted or revoked), newest first.</summary>
    public async Task<IReadOnlyList<WorkspaceInvitation>> ListAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.WorkspaceInvitations.AsNoTracking()
            .Where(i => i.WorkspaceId == workspaceId && i.AcceptedAt == null && i.RevokedAt == null)
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(i => i.CreatedAt)];
    }

    /// <summary>A new link and seven more days; the link sent before stops working.</summary>
    public async Task<TeamOutcome> ResendAsync(Acting acting, Guid invitationId, Uri portalUrl, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var invitation = await OpenOrLapsedAsync(db, acting.WorkspaceId, invitationId, cancellationToken);
        if (invitation is null)
        {
            return TeamOutcome.Refused("There is no such invitation.");
        }
        var (workspace, refusal) = await CheckAsync(db, acting, invitation.Role, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var token = NewToken();
        invitation.TokenHash = Hash(token);
        invitation.ExpiresAt = clock.GetUtcNow() + WorkspaceInvitation.Lifetime;
        audit.Add(db, workspace!.Id, acting.Actor, AuditActions.InvitationResent, invitation.Email, invitation.Role.Label());
        await db.SaveChangesAsync(cancellationToken);
        await SendAsync(invitation, token, workspace.Name, acting.Actor.Label, portalUrl, cancellationToken);
        return TeamOutcome.Done;
    }

    public async Task<TeamOutcome> RevokeAsync(Acting acting, Guid invitationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var invitation = await OpenOrLapsedAsync(db, acting.WorkspaceId, invitationId, cancellationToken);
        if (invitation is null)
        {
            return TeamOutcome.Refused("There is no such invitation.");
        }
        if (await acting.RoleAsync(db, cancellationToken) is not { } role || !role.Allows(WorkspaceAction.ManageMembers))
        {
            return TeamOutcome.NotAllowed;
        }
        invitation.RevokedAt = clock.GetUtcNow();
        audit.Add(db, acting.WorkspaceId, acting.Actor, AuditActions.InvitationRevoked, invitation.Email, invitation.Role.Label());
        await db.SaveChangesAsync(cancellationToken);
        return TeamOutcome.Done;
    }

    /// <summary>The invitation a link stands for, or null when the token is not its (a made-up or an old link).</summary>
    public async Task<InvitationView?> FindAsync(Guid invitationId, string token, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await (
            from invitation in db.WorkspaceInvitations.AsNoTracking()
            join workspace in db.Workspaces on invitation.WorkspaceId equals workspace.Id
            join inviter in db.Users on invitation.InvitedByUserId equals inviter.Id into inviters
            from inviter in inviters.DefaultIfEmpty()
            where invitation.Id == invitationId
            select new { invitation, workspace.Name, Inviter = inviter == null ? null : inviter.Email })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || !CryptographicOperations.FixedTimeEquals(found.invitation.TokenHash, Hash(token)))
        {
            return null;
        }
        var i = found.invitation;
        return new InvitationView(i.Id, i.WorkspaceId, found.Name, i.Email, i.Role, found.Inviter ?? "An administrator", i.IsOpenAt(clock.GetUtcNow()));
    }

    /// <summary>
    /// Joins the signed-in user to the workspace and makes it the one they act in. Only the invited address can
    /// accept: a forwarded link does not let someone else in.
    /// </summary>
    public async Task<TeamOutcome> AcceptAsync(Guid invitationId, string token, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var userEmail = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken) ?? "";
        var invitation = await db.WorkspaceInvitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null || !CryptographicOperations.FixedTimeEquals(invitation.TokenHash, Hash(token)))
        {
            return TeamOutcome.Refused("This invitation link is not valid. Ask for a new one.");
        }
        if (!invitation.IsOpenAt(clock.GetUtcNow()))
        {
            return TeamOutcome.Refused("This invitation has expired or was withdrawn. Ask for a new one.");
        }
        if (!string.Equals(invitation.Email, userEmail, StringComparison.OrdinalIgnoreCase))
        {
            return TeamOutcome.Refused($"This invitation is for {invitation.Email}. Log in with that address to accept it.");
        }
        var workspace = await db.Workspaces.Include(w => w.Members).SingleAsync(w => w.Id == invitation.WorkspaceId, cancellationToken);
        if (workspace.Members.Any(m => m.UserId == userId))
        {
            invitation.AcceptedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return TeamOutcome.Done;
        }
        if (!workspace.Plan.AllowsMembers())
        {
            return TeamOutcome.Refused($"{workspace.Name} is no longer on the Team plan, so it cannot take new members. Ask its owner.");
        }
        invitation.AcceptedAt = clock.GetUtcNow();
        members.AddMember(db, workspace, userId, invitation.Role);
        audit.Add(db, workspace.Id, new AuditActor(userId, userEmail), AuditActions.InvitationAccepted, userEmail, invitation.Role.Label());
        await db.SaveChangesAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.CurrentWorkspaceId, workspace.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TeamOutcome.Done;
    }

    /// <summary>May the acting member invite to this role now: their role, the plan (members need Team), owners by owners.</summary>
    private static async Task<(Workspace? Workspace, TeamOutcome? Refusal)> CheckAsync(
        PortalDbContext db, Acting acting, WorkspaceRole role, CancellationToken cancellationToken)
    {
        var workspace = await db.Workspaces.SingleAsync(w => w.Id == acting.WorkspaceId, cancellationToken);
        var actingRole = await acting.RoleAsync(db, cancellationToken);
        if (actingRole is not { } allowed || !allowed.Allows(WorkspaceAction.ManageMembers))
        {
            return (workspace, TeamOutcome.NotAllowed);
        }
        if (role == WorkspaceRole.Owner && allowed != WorkspaceRole.Owner)
        {
            return (workspace, TeamOutcome.Refused("Only an owner can invite an owner."));
        }
        return workspace.Plan.AllowsMembers() ? (workspace, null) : (workspace, TeamOutcome.NeedsTeamPlan);
    }

    private static Task<WorkspaceInvitation?> OpenOrLapsedAsync(PortalDbContext db, Guid workspaceId, Guid invitationId, CancellationToken cancellationToken) =>
        db.WorkspaceInvitations.SingleOrDefaultAsync(
            i => i.Id == invitationId && i.WorkspaceId == workspaceId && i.AcceptedAt == null && i.RevokedAt == null, cancellationToken);

    private Task SendAsync(WorkspaceInvitation invitation, string token, string workspace, string inviter, Uri portalUrl, CancellationToken cancellationToken) =>
        mail.SendAsync(invitation.Email, inviter, workspace, invitation.Role,
            new Uri(portalUrl, $"invitations/{invitation.Id}?token={token}").AbsoluteUri, invitation.ExpiresAt, cancellationToken);

    private static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));
}
