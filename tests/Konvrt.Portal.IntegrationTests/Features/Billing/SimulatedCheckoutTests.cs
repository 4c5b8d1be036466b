using System.Net;
using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace Konvrt.Portal.IntegrationTests.Features.Billing;

/// <summary>The simulated checkout: the whole purchase path in Development, nowhere to be found elsewhere.</summary>
public sealed class SimulatedCheckoutTests(PortalFactory development, PortalFactory<InProduction> production)
    : IClassFixture<PortalFactory>, IClassFixture<PortalFactory<InProduction>>
{
    private const string Password = "simulated checkout password";

    private static async Task<(PortalBrowser Browser, Guid WorkspaceId)> SignedInAsync(PortalFactory portal, Uri baseAddress)
    {
        var email = $"buyer-{Guid.NewGuid():N}@example.com";
        await using var scope = portal.Services.CreateAsyncScope();
        var (result, user) = await scope.ServiceProvider.GetRequiredService<AccountLifecycle>().RegisterAsync(email, Password, emailConfirmed: true);
        Assert.True(result.Succeeded);
        var browser = new PortalBrowser(portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = baseAddress, AllowAutoRedirect = true, HandleCookies = true }));
        Assert.Equal("/dashboard", (await browser.LogInAsync(email, Password)).Path);
        var caller = await portal.Services.GetRequiredService<WorkspaceDirectory>().FindCallerAsync(user.Id);
        return (browser, caller!.WorkspaceId);
    }

    [Fact]
    public async Task In_development_buying_growth_without_stripe_goes_through_the_signed_webhook_and_adds_five_thousand_credits()
    {
        var (browser, workspace) = await SignedInAsync(development, new Uri("http://localhost"));
        var billing = await browser.GetAsync("/billing");
        // A customer reads that payments are unavailable, never how the server would be configured.
        Assert.NotNull(billing.Document.QuerySelector("[data-testid=payments-unavailable]"));
        Assert.Null(billing.Document.QuerySelector("[data-testid=payments-not-configured]"));

        var success = await browser.SubmitAsync(billing, "form:has(input[name=pack][value=growth])", new Dictionary<string, string>());

        Assert.Equal("/billing/success", success.Path);
        Assert.Equal("fulfilled", success.Document.QuerySelector("[data-testid=purchase-state]")?.GetAttribute("data-state"));
        Assert.Equal(100 + 5000, await development.Services.GetRequiredService<CreditLedger>().BalanceAsync(workspace, CancellationToken.None));
        var (purchases, _) = await development.Services.GetRequiredService<BillingHistory>().PurchasesAsync(workspace, 0, 10, CancellationToken.None);
        Assert.Equal(("Growth", PurchaseStatus.Fulfilled), (Assert.Single(purchases).PackName, purchases[0].Status));
    }

    [Fact]
    public async Task In_development_a_plan_is_simulated_through_the_signed_webhook_renews_shows_and_cancels_back_to_free()
    {
        var (browser, workspace) = await SignedInAsync(development, new Uri("http://localhost"));
        var billing = await browser.GetAsync("/billing");

        var subscribed = await browser.SubmitAsync(billing, "form:has(input[name=plan][value=team])", new Dictionary<string, string>());

        Assert.Equal("/billing", subscribed.Path);
        Assert.Equal("Team plan", subscribed.Document.QuerySelector("[data-testid=plan-name]")?.TextContent.Trim());
        Assert.Contains("Renews on", subscribed.Document.QuerySelector("[data-testid=plan-renewal]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(WorkspacePlan.Team, (await development.Services.GetRequiredService<WorkspaceDirectory>().FindAsync(workspace))!.Plan);
        var team = development.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BillingOptions>>().Value.Plan(WorkspacePlan.Team)!;
        Assert.Equal(100 + team.MonthlyCredits, await development.Services.GetRequiredService<CreditLedger>().BalanceAsync(workspace, CancellationToken.None));

        var cancelled = await browser.SubmitAsync(subscribed, "form:has(input[name=plan][value=free])", new Dictionary<string, string>());

        Assert.Equal("Free plan", cancelled.Document.QuerySelector("[data-testid=plan-name]")?.TextContent.Trim());
        var audit = await development.Services.GetRequiredService<AuditTrail>().PageAsync(workspace, "billing", null, 0, 10, CancellationToken.None);
        Assert.Equal(["team → free", "free → team"], audit.Entries.Select(entry => entry.Detail));
        Assert.All(audit.Entries, entry => Assert.Equal("Stripe", entry.Actor));
    }

    [Fact]
    public async Task Outside_development_there_is_no_simulate_button_no_route_and_no_secret_that_would_verify()
    {
        var (browser, workspace) = await SignedInAsync(production, new Uri("https://localhost"));
        var billing = await browser.GetAsync("/billing");
        Assert.Equal(HttpStatusCode.OK, billing.Response.StatusCode);
        Assert.Empty(billing.Document.QuerySelectorAll("form input[name=pack]"));
        Assert.Empty(billing.Document.QuerySelectorAll("form input[name=plan]"));
        Assert.Null(production.Services.GetRequiredService<StripeWebhookSecrets>().Simulation);

        // The route answers exactly as a path that never existed does, and buys nothing.
        var form = new Dictionary<string, string> { ["pack"] = "growth" };
        var simulate = await browser.Client.PostAsync("/billing/simulate-checkout", new FormUrlEncodedContent(form));
        var nowhere = await browser.Client.PostAsync("/billing/no-such-route", new FormUrlEncodedContent(form));
        Assert.False(simulate.IsSuccessStatusCode);
        Assert.Equal(nowhere.StatusCode, simulate.StatusCode);
        Assert.Equal(await nowhere.Content.ReadAsStringAsync(), await simulate.Content.ReadAsStringAsync());
        var subscribe = await browser.Client.PostAsync("/billing/simulate-subscription", new FormUrlEncodedContent(new Dictionary<string, string> { ["plan"] = "team" }));
        Assert.Equal(nowhere.StatusCode, subscribe.StatusCode);
        Assert.Equal(WorkspacePlan.Free, (await production.Services.GetRequiredService<WorkspaceDirectory>().FindAsync(workspace))!.Plan);

        var payload = StripeKit.CheckoutEvent(EventTypes.CheckoutSessionCompleted, "cs_simulated_forged", workspace, "scale");
        using var forged = StripeKit.Delivery(payload, secret: "whsec_simulated_guess");
        var webhook = await browser.Client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, webhook.StatusCode);
        Assert.Equal(100, await production.Services.GetRequiredService<CreditLedger>().BalanceAsync(workspace, CancellationToken.None));
    }
}
