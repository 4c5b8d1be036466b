using Bunit;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Workspaces;

namespace Konvrt.Portal.ComponentTests.Features;

public sealed class ApiKeysPageTests : PortalComponentTest
{
    [Fact]
    public void A_new_workspace_is_told_what_keys_are_for_and_that_its_plan_lacks_api_access()
    {
        var page = Render<ApiKeysPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-keys]")));
        Assert.Contains("free plan", page.Find("[data-testid=plan-notice]").TextContent);
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
