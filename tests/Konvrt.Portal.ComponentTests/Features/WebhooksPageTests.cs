using Bunit;
using Konvrt.Portal.Features.Webhooks;
using MudBlazor;

namespace Konvrt.Portal.ComponentTests.Features;

public sealed class WebhooksPageTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void Adding_an_endpoint_shows_its_secret_once_and_lists_it_without_the_secret()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-webhooks]")), Wait);

        page.Find("[data-testid=add-webhook]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=webhook-url]")), Wait);
        dialogs.Find("input[data-testid=webhook-url]").Change("https://93.184.216.34/konvrt");
        dialogs.Find("[data-testid=webhook-save]").Click();

        dialogs.WaitForAssertion(() => Assert.StartsWith("whsec_", dialogs.Find("[data-testid=webhook-secret]").TextContent.Trim(), StringComparison.Ordinal), Wait);
        var secret = dialogs.Find("[data-testid=webhook-secret]").TextContent.Trim();
        dialogs.Find("[data-testid=webhook-secret-done]").Click();
        page.WaitForAssertion(() => Assert.Contains("https://93.184.216.34/konvrt", page.Find("[data-testid=webhook-list]").TextContent, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain(secret, page.Markup, StringComparison.Ordinal);
        Assert.Equal("enabled", page.Find("[data-testid=webhook-status]").TextContent.Trim());
    }

    [Fact]
    public async Task An_address_inside_the_network_is_refused_in_the_dialog_with_the_reason()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=add-webhook]")), Wait);

        page.Find("[data-testid=add-webhook]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=webhook-url]")), Wait);
        dialogs.Find("input[data-testid=webhook-url]").Change("http://169.254.169.254/latest/meta-data/");
        dialogs.Find("[data-testid=webhook-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("private or local address", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(await Service<WebhookEndpoints>().ListAsync(WorkspaceId, CancellationToken.None));
    }
}
