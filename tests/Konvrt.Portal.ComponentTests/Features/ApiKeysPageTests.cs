using Bunit;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Workspaces;
using MudBlazor;

namespace Konvrt.Portal.ComponentTests.Features;

public sealed class ApiKeysPageTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_free_workspace_is_led_to_a_test_key_or_to_an_upgrade()
    {
        var page = Render<ApiKeysPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-keys]")));
        var notice = page.Find("[data-testid=plan-notice]").TextContent;
        Assert.Contains("Try the API now with a test key", notice, StringComparison.Ordinal);
        Assert.Contains("10 requests a minute, outputs at most 1 megapixel, kept 24 hours", notice, StringComparison.Ordinal);
        Assert.Contains("Live keys", notice, StringComparison.Ordinal);
        Assert.Equal("billing#plans", page.Find("[data-testid=upgrade-link]").GetAttribute("href"));
        Assert.Equal("Create test key", page.Find("[data-testid=create-key]").TextContent.Trim());
    }

    [Fact]
    public async Task On_the_free_plan_the_dialog_makes_a_test_key_shown_once_and_live_cannot_be_chosen()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ApiKeysPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=create-key]"), Wait);

        page.Find("[data-testid=create-key]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=key-name]"), Wait);
        var live = dialogs.Find("[data-testid=key-mode-live]");
        Assert.True((live.TagName == "INPUT" ? live : live.QuerySelector("input"))!.HasAttribute("disabled"));
        dialogs.Find("input[data-testid=key-name]").Input("trying it");
        dialogs.Find("[data-testid=create-key-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("kvt_test_", dialogs.Markup, StringComparison.Ordinal), Wait);
        var key = Assert.Single(await Service<ApiKeyService>().ListAsync(WorkspaceId, CancellationToken.None));
        Assert.True(key.IsTest);
        Assert.StartsWith("kvt_test_", key.Prefix, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal("test", page.Find("[data-testid=key-mode]").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task A_viewer_sees_the_workspace_s_keys_but_can_neither_create_nor_revoke_one()
    {
        var team = await JoinTeamAsync(WorkspaceRole.Viewer);
        await Service<ApiKeyService>().CreateAsync(team.WorkspaceId, "the owner's", null, team.OwnerId, test: false, AuditActor.Administrator, CancellationToken.None);

        var page = Render<ApiKeysPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=key-list] tbody tr")), Wait);
        Assert.Contains("As a Viewer", page.Find("[data-testid=role-notice]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=create-key]"));
        Assert.Empty(page.FindAll("[data-testid=revoke-key]"));
    }

    [Fact]
    public async Task The_list_shows_each_keys_prefix_never_the_key_and_whether_it_still_works()
    {
        var keys = Service<ApiKeyService>();
        var active = await keys.CreateAsync(WorkspaceId, "CI pipeline", null, User.Id, test: false, AuditActor.Administrator, CancellationToken.None);
        var revoked = await keys.CreateAsync(WorkspaceId, "Old import", null, User.Id, test: false, AuditActor.Administrator, CancellationToken.None);
        await keys.RevokeAsync(WorkspaceId, revoked.Key.Id, AuditActor.Administrator, onlyMadeBy: null, CancellationToken.None);

        var page = Render<ApiKeysPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=key-list] tbody tr").Count));
        var markup = page.Markup;
        Assert.Contains(active.Key.Prefix + "…", markup);
        Assert.DoesNotContain(active.Secret, markup);
        Assert.DoesNotContain(revoked.Secret, markup);
        Assert.Equal(["active", "revoked"], page.FindAll("[data-testid=key-status]").Select(chip => chip.TextContent.Trim()).Order());
        Assert.Single(page.FindAll("[data-testid=revoke-key]"));
    }
}
