using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Konvrt.Portal.IntegrationTests.Features.Workspaces;

public sealed class InvitationTests : IAsyncLifetime
{
    private static readonly Uri Portal = new("https://konvrt.example/");
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly PortalFactory portal;

    public InvitationTests() => portal = new PortalFactory { ReplaceServices = services => services.AddSingleton<TimeProvider>(clock) };

    private Invitations Invitations => portal.Services.GetRequiredService<Invitations>();

    [Fact]
    public async Task An_invitation_mails_a_link_that_the_invited_address_accepts_and_the_member_then_works_in_the_workspace()
    {
        var owner = await portal.TeamOwnerAsync();
        var ownerEmail = await EmailOfAsync(owner.UserId);
        var invitee = await portal.UserAsync("dana@example.com");

        var sent = await Invitations.InviteAsync(await ActingAsync(owner), "Dana@Example.com", WorkspaceRole.Developer, Portal);

        Assert.True(sent.Succeeded, sent.Refusal);
        var mail = await MailPickup.LatestToAsync(portal.Paths, "dana@example.com");
        Assert.Contains(ownerEmail, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("as Developer", mail.TextBody, StringComparison.Ordinal);
        MailPickup.AssertExplained(mail, $"{ownerEmail} entered your address", "members");
        var (id, token) = Link(MailPickup.FirstLink(mail));
        Assert.Contains(token, mail.TextBody, StringComparison.Ordinal);
        var view = await Invitations.FindAsync(id, token);
        Assert.NotNull(view);
        Assert.True(view.IsOpen);

        var accepted = await Invitations.AcceptAsync(id, token, invitee.Id);

        Assert.True(accepted.Succeeded, accepted.Refusal);
        var caller = await portal.Services.GetRequiredService<WorkspaceDirectory>().FindCallerAsync(invitee.Id);
        Assert.Equal(owner.WorkspaceId, caller!.WorkspaceId);
        Assert.Equal(WorkspaceRole.Developer, caller.Role);
        Assert.Empty(await Invitations.ListAsync(owner.WorkspaceId));
        Assert.False((await Invitations.FindAsync(id, token))!.IsOpen);
        var audit = await portal.Services.GetRequiredService<AuditTrail>().PageAsync(owner.WorkspaceId, "invitation", null, 0, 10, CancellationToken.None);
        Assert.Equal([AuditActions.InvitationAccepted, AuditActions.MemberInvited], audit.Entries.Select(entry => entry.Action));
        Assert.Equal([ownerEmail, "dana@example.com"], audit.Entries.Select(entry => entry.Actor).Reverse());
    }

    [Fact]
    public async Task Only_the_invited_address_can_accept_and_a_made_up_token_finds_nothing()
    {
        var owner = await portal.TeamOwnerAsync();
        var stranger = await portal.UserAsync();
        await Invitations.InviteAsync(await ActingAsync(owner), "erin@example.com", WorkspaceRole.Viewer, Portal);
        var (id, token) = Link(MailPickup.FirstLink(await MailPickup.LatestToAsync(portal.Paths, "erin@example.com")));

        var refused = await Invitations.AcceptAsync(id, token, stranger.Id);

        Assert.Contains("for erin@example.com", refused.Refusal, StringComparison.Ordinal);
        Assert.Null(await Invitations.FindAsync(id, token[..^2] + "xx"));
        Assert.False((await Invitations.AcceptAsync(id, token[..^2] + "xx", stranger.Id)).Succeeded);
        Assert.Single(await portal.Services.GetRequiredService<TeamMembers>().ListAsync(owner.WorkspaceId));
    }

    [Fact]
    public async Task A_link_lasts_seven_days_a_resent_link_replaces_the_old_one_and_a_revoked_one_opens_nothing()
    {
        var owner = await portal.TeamOwnerAsync();
        var acting = await ActingAsync(owner);
        var frank = await portal.UserAsync("frank@example.com");
        await Invitations.InviteAsync(acting, "frank@example.com", WorkspaceRole.Developer, Portal);
        var (id, first) = Link(MailPickup.FirstLink(await MailPickup.LatestToAsync(portal.Paths, "frank@example.com")));

        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Contains("expired", (await Invitations.AcceptAsync(id, first, frank.Id)).Refusal, StringComparison.Ordinal);
        Assert.True((await Invitations.ResendAsync(acting, id, Portal)).Succeeded);
        var second = await Eventually.ValueAsync(async () =>
            Link(MailPickup.FirstLink(await MailPickup.LatestToAsync(portal.Paths, "frank@example.com"))) is var link && link.Token != first ? link.Token : null,
            "the resent mail");
        Assert.Null(await Invitations.FindAsync(id, first));

        Assert.True((await Invitations.RevokeAsync(acting, id)).Succeeded);

        Assert.False((await Invitations.FindAsync(id, second))!.IsOpen);
        Assert.False((await Invitations.AcceptAsync(id, second, frank.Id)).Succeeded);
        Assert.Single(await portal.Services.GetRequiredService<TeamMembers>().ListAsync(owner.WorkspaceId));
    }

    [Fact]
    public async Task Members_need_the_team_plan_and_a_downgrade_keeps_members_but_blocks_new_invitations()
    {
        var pro = await portal.TeamOwnerAsync(WorkspacePlan.Pro);
        Assert.Equal(TeamOutcome.NeedsTeamPlan, await Invitations.InviteAsync(await ActingAsync(pro), "gus@example.com", WorkspaceRole.Viewer, Portal));
        var outsider = await portal.UserAsync();
        Assert.Equal(TeamOutcome.NeedsTeamPlan, await portal.Services.GetRequiredService<TeamMembers>()
            .AddAsync(Acting.Administrator(pro.WorkspaceId), outsider.Id, outsider.Email!, WorkspaceRole.Viewer));

        var team = await portal.TeamOwnerAsync();
        await portal.MemberAsync(team.WorkspaceId, WorkspaceRole.Developer);
        await Invitations.InviteAsync(await ActingAsync(team), "hana@example.com", WorkspaceRole.Viewer, Portal);
        var (id, token) = Link(MailPickup.FirstLink(await MailPickup.LatestToAsync(portal.Paths, "hana@example.com")));
        var hana = await portal.UserAsync("hana@example.com");
        await portal.Services.GetRequiredService<WorkspaceDirectory>().SetPlanAsync(team.WorkspaceId, WorkspacePlan.Free, AuditActor.Stripe);

        Assert.Equal(2, (await portal.Services.GetRequiredService<TeamMembers>().ListAsync(team.WorkspaceId)).Count);
        Assert.Equal(TeamOutcome.NeedsTeamPlan, await Invitations.InviteAsync(await ActingAsync(team), "ivan@example.com", WorkspaceRole.Viewer, Portal));
        Assert.Contains("no longer on the Team plan", (await Invitations.AcceptAsync(id, token, hana.Id)).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_owners_invite_owners_and_developers_and_viewers_invite_no_one()
    {
        var owner = await portal.TeamOwnerAsync();
        var admin = await portal.MemberAsync(owner.WorkspaceId, WorkspaceRole.Admin);
        var developer = await portal.MemberAsync(owner.WorkspaceId, WorkspaceRole.Developer);
        var viewer = await portal.MemberAsync(owner.WorkspaceId, WorkspaceRole.Viewer);

        Assert.True((await Invitations.InviteAsync(await ActingAsync(owner), "o2@example.com", WorkspaceRole.Owner, Portal)).Succeeded);
        Assert.True((await Invitations.InviteAsync(await ActingAsync(admin), "d2@example.com", WorkspaceRole.Developer, Portal)).Succeeded);
        Assert.False((await Invitations.InviteAsync(await ActingAsync(admin), "o3@example.com", WorkspaceRole.Owner, Portal)).Succeeded);
        Assert.Equal(TeamOutcome.NotAllowed, await Invitations.InviteAsync(await ActingAsync(developer), "x@example.com", WorkspaceRole.Viewer, Portal));
        Assert.Equal(TeamOutcome.NotAllowed, await Invitations.InviteAsync(await ActingAsync(viewer), "y@example.com", WorkspaceRole.Viewer, Portal));
        Assert.Equal(["d2@example.com", "o2@example.com"], (await Invitations.ListAsync(owner.WorkspaceId)).Select(i => i.Email).Order());
    }

    private async Task<Acting> ActingAsync(ApiUser member) =>
        new(member.WorkspaceId, member.UserId, new AuditActor(member.UserId, await EmailOfAsync(member.UserId)));

    private async Task<string> EmailOfAsync(string userId)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return (await db.Users.SingleAsync(user => user.Id == userId)).Email!;
    }

    private static (Guid Id, string Token) Link(string link)
    {
        var uri = new Uri(link);
        Assert.Equal(Portal.Host, uri.Host);
        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query)["token"].Single()!;
        return (Guid.Parse(uri.Segments[^1]), token);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await portal.DisposeAsync();
}
