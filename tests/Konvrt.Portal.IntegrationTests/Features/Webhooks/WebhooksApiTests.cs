using Konvrt.Portal.IntegrationTests.Support;
using System.Net.Http.Json;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Features.Webhooks;

public sealed class WebhooksApiTests(PortalFactory<WithWebhookReceiver> fixture) : IClassFixture<PortalFactory<WithWebhookReceiver>>
{
    [Fact]
    public async Task Another_workspace_s_endpoints_are_invisible_and_untouchable()
    {
        var owner = await fixture.ApiUserAsync();
        var stranger = await fixture.ApiUserAsync();
        var created = await (await owner.Client.PostAsJsonAsync("/api/v1/webhooks", new { url = fixture.Setup.Receiver.Url("/mine"), events = new[] { "job.completed" } })).JsonAsync();
        var id = created.GetProperty("endpoint").GetProperty("id").GetGuid();

        Assert.Equal(0, (await (await stranger.Client.GetAsync("/api/v1/webhooks")).JsonAsync()).GetArrayLength());
        await (await stranger.Client.GetAsync($"/api/v1/webhooks/{id}")).AssertProblemAsync(404, "not-found");
        await (await stranger.Client.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { enabled = false })).AssertProblemAsync(404, "not-found");
        await (await stranger.Client.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null)).AssertProblemAsync(404, "not-found");
        await (await stranger.Client.DeleteAsync($"/api/v1/webhooks/{id}")).AssertProblemAsync(404, "not-found");
        Assert.True((await (await owner.Client.GetAsync($"/api/v1/webhooks/{id}")).JsonAsync()).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task An_endpoint_is_created_listed_changed_and_deleted_and_its_secret_is_shown_only_at_creation()
    {
        var user = await fixture.ApiUserAsync();

        var created = await user.Client.PostAsJsonAsync("/api/v1/webhooks", new { url = fixture.Setup.Receiver.Url("/crud"), description = "CMS", events = new[] { "job.completed", "credits.low" } });
        Assert.Equal(201, (int)created.StatusCode);
        var body = await created.JsonAsync();
        var id = body.GetProperty("endpoint").GetProperty("id").GetGuid();
        Assert.StartsWith("whsec_", body.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"/api/v1/webhooks/{id}", created.Headers.Location!.ToString(), StringComparison.Ordinal);

        var listed = await (await user.Client.GetAsync("/api/v1/webhooks")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("whsec_", listed, StringComparison.Ordinal);
        var changed = await (await user.Client.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { events = new[] { "job.failed" }, enabled = false })).JsonAsync();
        Assert.Equal((false, "job.failed"), (changed.GetProperty("enabled").GetBoolean(), changed.GetProperty("events")[0].GetString()));
        await (await user.Client.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { events = new[] { "job.exploded" } })).AssertProblemAsync(400, "invalid-webhook");

        Assert.Equal(204, (int)(await user.Client.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        await (await user.Client.GetAsync($"/api/v1/webhooks/{id}")).AssertProblemAsync(404, "not-found");
    }
}
