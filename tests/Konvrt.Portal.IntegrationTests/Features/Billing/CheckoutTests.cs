using System.Net;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using static Konvrt.Portal.IntegrationTests.Features.Billing.StripeKit;

namespace Konvrt.Portal.IntegrationTests.Features.Billing;

/// <summary>Checkout and the Customer Portal through Stripe.net, against the fake Stripe over real HTTP.</summary>
public sealed class CheckoutTests(PortalFactory<WithFakeStripe> fixture) : IClassFixture<PortalFactory<WithFakeStripe>>
{
    private const string PortalBase = "https://portal.example/";

    private PortalFactory<WithFakeStripe> Portal => fixture;

    private T Service<T>() where T : notnull => Portal.Services.GetRequiredService<T>();

    private static Caller CallerOf(Guid workspace) =>
        new("user-1", "buyer@example.com", workspace, "test workspace", WorkspaceRole.Owner, WorkspacePlan.Free);

    private IReadOnlyDictionary<string, string> LastRequestTo(string path) =>
        fixture.Setup.Stripe.Requests.Last(request => request.Path == path).Form;

    [Fact]
    public async Task Buying_a_pack_opens_a_payment_checkout_for_the_workspace_and_its_webhook_adds_the_credits_with_a_receipt()
    {
        var workspace = await Portal.CreateWorkspaceAsync();

        var url = await Service<BillingCheckout>().BuyPackAsync(CallerOf(workspace), "growth", PortalBase, CancellationToken.None);

        var sent = LastRequestTo("/v1/checkout/sessions");
        Assert.Equal("payment", sent["mode"]);
        Assert.Equal(workspace.ToString(), sent["client_reference_id"]);
        Assert.Equal("growth", sent["metadata[pack]"]);
        Assert.Equal(("2000", "usd", "1"), (sent["line_items[0][price_data][unit_amount]"], sent["line_items[0][price_data][currency]"], sent["line_items[0][quantity]"]));
        Assert.Equal("buyer@example.com", sent["customer_email"]);
        Assert.Equal($"{PortalBase}billing/success?session_id={{CHECKOUT_SESSION_ID}}", sent["success_url"]);
        var sessionId = url[(url.LastIndexOf('/') + 1)..];
        Assert.StartsWith("https://checkout.stripe.test/c/pay/cs_test_", url, StringComparison.Ordinal);
        var pending = await Service<BillingHistory>().PurchaseAsync(workspace, sessionId, CancellationToken.None);
        Assert.Equal(PurchaseStatus.Pending, pending?.Status);

        using var client = Portal.NewClientWithoutRedirects();
        using var delivery = Delivery(CheckoutEvent(EventTypes.CheckoutSessionCompleted, sessionId, workspace, "growth"));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(delivery)).StatusCode);

        var fulfilled = await Service<BillingHistory>().PurchaseAsync(workspace, sessionId, CancellationToken.None);
        Assert.Equal((PurchaseStatus.Fulfilled, $"https://pay.stripe.test/receipts/{sessionId}"), (fulfilled?.Status, fulfilled?.ReceiptUrl));
        Assert.Equal(5100, await Service<CreditLedger>().BalanceAsync(workspace, CancellationToken.None));
        Assert.Contains(fixture.Setup.Stripe.Requests, request => request.Method == "GET" && request.Path == $"/v1/checkout/sessions/{sessionId}");
    }

    [Fact]
    public async Task Subscribing_opens_a_subscription_checkout_and_manage_opens_the_customer_portal_once_stripe_knows_the_customer()
    {
        var workspace = await Portal.CreateWorkspaceAsync();
        var caller = CallerOf(workspace);
        Assert.Null(await Service<BillingCheckout>().ManageSubscriptionAsync(workspace, PortalBase, CancellationToken.None));

        await Service<BillingCheckout>().SubscribeAsync(caller, WorkspacePlan.Pro, PortalBase, CancellationToken.None);

        var sent = LastRequestTo("/v1/checkout/sessions");
        Assert.Equal(("subscription", "pro", "pro", workspace.ToString()), (sent["mode"], sent["metadata[plan]"], sent["subscription_data[metadata][plan]"], sent["subscription_data[metadata][workspace]"]));
        Assert.Equal(("1900", "month"), (sent["line_items[0][price_data][unit_amount]"], sent["line_items[0][price_data][recurring][interval]"]));

        var customer = "cus_" + Guid.NewGuid().ToString("N");
        await Service<StripeEvents>().HandleAsync(EventUtility.ParseEvent(SubscriptionEvent(
            EventTypes.CustomerSubscriptionCreated, "sub_" + Guid.NewGuid().ToString("N"), workspace, "pro", "active", DateTimeOffset.UtcNow, customer), throwOnApiVersionMismatch: false), CancellationToken.None);

        var portal = await Service<BillingCheckout>().ManageSubscriptionAsync(workspace, PortalBase, CancellationToken.None);

        Assert.Equal("https://billing.stripe.test/session/portal", portal);
        var asked = LastRequestTo("/v1/billing_portal/sessions");
        Assert.Equal((customer, $"{PortalBase}billing"), (asked["customer"], asked["return_url"]));
    }
}
