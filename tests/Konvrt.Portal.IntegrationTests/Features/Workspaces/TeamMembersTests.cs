using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.Workspaces;

public sealed class TeamMembersTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private TeamMembers Team => portal.Services.GetRequiredService<TeamMembers>();

    [Fact]
    public async Task The_last_owner_can_neither_leave_nor_be_removed_nor_demoted_until_ownership_is_transferred()
    {
        var owner = await portal.TeamOwnerAsync();
        var admin = await portal.MemberAsync(owner.WorkspaceId, WorkspaceRole.Admin);
        var asOwner = new Acting(owner.WorkspaceId, owner.UserId, new AuditActor(owner.UserId, "owner"));

        Assert.Equal(TeamOutcome.LastOwner, await Team.RemoveAsync(asOwner, owner.UserId));
        Assert.Equal(TeamOutcome.LastOwner, await Team.ChangeRoleAsync(Acting.Administrator(owner.WorkspaceId), owner.UserId, WorkspaceRole.Admin));
        Assert.Equal(TeamOutcome.LastOwner, await Team.RemoveAsync(Acting.Administrator(owner.WorkspaceId), owner.UserId));
        Assert.False((await Team.RemoveAsync(new Acting(owner.WorkspaceId, admin.UserId, new AuditActor(admin.UserId, "admin")), owner.UserId)).Succeeded);

        Assert.True((await Team.TransferOwnershipAsync(asOwner, admin.UserId)).Succeeded);

        var roles = (await Team.ListAsync(owner.WorkspaceId)).ToDictionary(member => member.UserId, member => member.Role);
        Assert.Equal(WorkspaceRole.Owner, roles[admin.UserId]);
        Assert.Equal(WorkspaceRole.Admin, roles[owner.UserId]);
        Assert.True((await Team.RemoveAsync(asOwner, owner.UserId)).Succeeded);
        Assert.Single(await Team.ListAsync(owner.WorkspaceId));
    }

    [Fact]
    public async Task Admins_manage_members_below_owner_and_developers_and_viewers_manage_no_one()
    {
        var owner = await portal.TeamOwnerAsync();
        var admin = await portal.MemberAsync(owner.WorkspaceId, WorkspaceRole.Admin);
        var developer = await portal.MemberAsync(owner.WorkspaceId, WorkspaceRole.Developer);
        var viewer = await portal.MemberAsync(owner.WorkspaceId, WorkspaceRole.Viewer);
        Acting As(ApiUser member) => new(member.WorkspaceId, member.UserId, new AuditActor(member.UserId, member.UserId));

        Assert.Equal(TeamOutcome.NotAllowed, await Team.ChangeRoleAsync(As(developer), viewer.UserId, WorkspaceRole.Developer));
        Assert.Equal(TeamOutcome.NotAllowed, await Team.RemoveAsync(As(viewer), developer.UserId));
        Assert.False((await Team.ChangeRoleAsync(As(admin), developer.UserId, WorkspaceRole.Owner)).Succeeded);
        Assert.False((await Team.ChangeRoleAsync(As(admin), owner.UserId, WorkspaceRole.Viewer)).Succeeded);
        Assert.True((await Team.ChangeRoleAsync(As(admin), viewer.UserId, WorkspaceRole.Developer)).Succeeded);
        Assert.True((await Team.RemoveAsync(As(admin), developer.UserId)).Succeeded);
        // Anyone may leave, a viewer too.
        Assert.True((await Team.RemoveAsync(As(viewer), viewer.UserId)).Succeeded);

        var audit = await portal.Services.GetRequiredService<AuditTrail>().PageAsync(owner.WorkspaceId, "member", null, 0, 20, CancellationToken.None);
        Assert.Equal([AuditActions.MemberLeft, AuditActions.MemberRemoved, AuditActions.MemberRoleChanged],
            audit.Entries.Select(entry => entry.Action).Where(action => action != AuditActions.MemberAdded));
        Assert.Equal("Viewer → Developer", audit.Entries.Single(entry => entry.Action == AuditActions.MemberRoleChanged).Detail);
    }

    [Fact]
    public async Task A_member_removed_acts_in_their_personal_workspace_from_their_next_request()
    {
        var owner = await portal.TeamOwnerAsync();
        var member = await portal.MemberAsync(owner.WorkspaceId, WorkspaceRole.Developer);
        var directory = portal.Services.GetRequiredService<WorkspaceDirectory>();
        Assert.True(await directory.SwitchAsync(member.UserId, owner.WorkspaceId));
        Assert.Equal(owner.WorkspaceId, (await directory.FindCallerAsync(member.UserId))!.WorkspaceId);

        await Team.RemoveAsync(Acting.Administrator(owner.WorkspaceId), member.UserId);

        var now = (await directory.FindCallerAsync(member.UserId))!;
        Assert.NotEqual(owner.WorkspaceId, now.WorkspaceId);
        Assert.True(now.IsPersonal);
        Assert.False(await directory.SwitchAsync(member.UserId, owner.WorkspaceId));
        Assert.Equal([now.WorkspaceId], (await directory.ListForAsync(member.UserId)).Select(choice => choice.Id));
    }

    [Fact]
    public async Task An_owner_deletes_a_free_team_with_its_files_its_keys_stop_at_once_and_members_fall_back_to_their_own()
    {
        var owner = await portal.TeamOwnerAsync();
        var member = await portal.MemberAsync(owner.WorkspaceId, WorkspaceRole.Admin);
        var converted = await (await owner.Client.PostAsync("/api/v1/convert",
            ApiKit.Form(File.ReadAllBytes(ApiKit.TestImage("generated/adobergb_srgb_1ea03c_32x32.jpg")), "a.jpg", ("format", "png")))).JsonAsync();
        var jobId = converted.GetProperty("jobId").GetGuid();
        Assert.Equal(2, FilesOf(jobId).Count);
        var directory = portal.Services.GetRequiredService<WorkspaceDirectory>();
        var asOwner = new Acting(owner.WorkspaceId, owner.UserId, new AuditActor(owner.UserId, "owner"));
        var personal = (await directory.ListForAsync(member.UserId)).Single(choice => choice.IsPersonal).Id;

        Assert.Contains("cancel the subscription", (await directory.DeleteTeamAsync(asOwner)).Refusal, StringComparison.Ordinal);
        await directory.SetPlanAsync(owner.WorkspaceId, WorkspacePlan.Free, AuditActor.Stripe);
        Assert.False((await directory.DeleteTeamAsync(new Acting(owner.WorkspaceId, member.UserId, new AuditActor(member.UserId, "admin")))).Succeeded);
        Assert.False((await directory.DeleteTeamAsync(Acting.Administrator(personal))).Succeeded);

        Assert.True((await directory.DeleteTeamAsync(asOwner)).Succeeded);

        Assert.Null(await directory.FindAsync(owner.WorkspaceId));
        await (await owner.Client.GetAsync($"/api/v1/status/{jobId}")).AssertProblemAsync(401, "unauthorized");
        Assert.Empty(FilesOf(jobId));
        Assert.Equal(personal, (await directory.FindCallerAsync(member.UserId))!.WorkspaceId);
    }

    private List<string> FilesOf(Guid jobId) =>
        [.. Directory.GetFiles(portal.Paths.Blobs, "*", SearchOption.AllDirectories).Where(path => path.Contains(jobId.ToString("N"), StringComparison.Ordinal))];
}
