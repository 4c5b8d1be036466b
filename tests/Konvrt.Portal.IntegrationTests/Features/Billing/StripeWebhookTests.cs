using System.Net;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using static Konvrt.Portal.IntegrationTests.Features.Billing.StripeKit;

namespace Konvrt.Portal.IntegrationTests.Features.Billing;

/// <summary>Stripe's webhook with real signatures, over HTTP into the app.</summary>
public sealed class StripeWebhookTests(PortalFactory<WithFakeStripe> fixture) : IClassFixture<PortalFactory<WithFakeStripe>>
{
    private PortalFactory<WithFakeStripe> Portal => fixture;

    private T Service<T>() where T : notnull => Portal.Services.GetRequiredService<T>();

    private static string NewSession() => "cs_test_" + Guid.NewGuid().ToString("N");

    private async Task<HttpStatusCode> DeliverAsync(HttpRequestMessage delivery)
    {
        using var client = Portal.NewClientWithoutRedirects();
        using (delivery)
        {
            using var response = await client.SendAsync(delivery);
            return response.StatusCode;
        }
    }

    private Task<int> BalanceAsync(Guid workspace) => Service<CreditLedger>().BalanceAsync(workspace, CancellationToken.None);

    private async Task<IReadOnlyList<Purchase>> PurchasesAsync(Guid workspace)
    {
        await using var db = await Service<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Set<Purchase>().Where(p => p.WorkspaceId == workspace).ToListAsync();
    }

    [Fact]
    public async Task A_paid_checkout_credits_the_pack_from_the_server_s_configuration_not_the_amount_sent()
    {
        var workspace = await Portal.CreateWorkspaceAsync();
        var session = NewSession();

        // The amount in the event is one cent: what counts is the pack, and its credits come from configuration.
        var status = await DeliverAsync(Delivery(CheckoutEvent(EventTypes.CheckoutSessionCompleted, session, workspace, "growth", amountTotal: 1)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(100 + 5000, await BalanceAsync(workspace));
        var purchase = Assert.Single(await PurchasesAsync(workspace));
        Assert.Equal((PurchaseStatus.Fulfilled, 5000, 2000L, "Growth"), (purchase.Status, purchase.Credits, purchase.Amount, purchase.PackName));
    }

    [Fact]
    public async Task The_owners_get_one_receipt_in_text_and_html_with_the_pack_the_price_and_the_new_balance()
    {
        var owner = await Portal.UserAsync();
        var workspace = (await Service<WorkspaceDirectory>().FindCallerAsync(owner.Id))!.WorkspaceId;
        var session = NewSession();

        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(Delivery(CheckoutEvent(EventTypes.CheckoutSessionCompleted, session, workspace, "starter"))));
        // Stripe sends an event again when it is unsure it arrived: the credits and the receipt come once.
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(Delivery(CheckoutEvent(EventTypes.CheckoutSessionCompleted, session, workspace, "starter"))));

        var receipt = await MailPickup.LatestToAsync(Portal.Paths, owner.Email!);
        Assert.Equal("Your Konvrt receipt: Starter pack, 1,000 credits", receipt.Subject);
        foreach (var fact in new[] { "Starter", "1,000", "$5.00", "1,100", session })
        {
            Assert.Contains(fact, receipt.TextBody, StringComparison.Ordinal);
            Assert.Contains(fact, receipt.HtmlBody, StringComparison.Ordinal);
        }
        MailPickup.AssertExplained(receipt, "you own the Konvrt workspace", "billing");
        Assert.Single(await MailPickup.AllToAsync(Portal.Paths, owner.Email!), mail => mail.Subject == receipt.Subject);
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData("tampered body")]
    [InlineData("too old")]
    [InlineData("no signature")]
    public async Task A_delivery_that_does_not_verify_is_refused_with_400_and_changes_nothing(string fault)
    {
        var workspace = await Portal.CreateWorkspaceAsync();
        var payload = CheckoutEvent(EventTypes.CheckoutSessionCompleted, NewSession(), workspace, "scale");
        var delivery = fault switch
        {
            "wrong secret" => Delivery(payload, secret: "whsec_someone_elses_secret"),
            "tampered body" => Tampered(payload),
            "too old" => Delivery(payload, signedAt: DateTimeOffset.UtcNow.AddMinutes(-10)),
            _ => Delivery(payload, secret: null),
        };

        Assert.Equal(HttpStatusCode.BadRequest, await DeliverAsync(delivery));
        Assert.Equal(100, await BalanceAsync(workspace));
        Assert.Empty(await PurchasesAsync(workspace));
    }

    private static HttpRequestMessage Tampered(string payload)
    {
        var signed = Delivery(payload);
        var signature = signed.Headers.GetValues("Stripe-Signature").Single();
        signed.Dispose();
        var tampered = Delivery(payload.Replace("\"scale\"", "\"starter\"", StringComparison.Ordinal), secret: null);
        tampered.Headers.Add("Stripe-Signature", signature);
        return tampered;
    }

    [Fact]
    public async Task The_same_event_delivered_ten_times_at_once_credits_once()
    {
        var workspace = await Portal.CreateWorkspaceAsync();
        var payload = CheckoutEvent(EventTypes.CheckoutSessionCompleted, NewSession(), workspace, "starter");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => DeliverAsync(Delivery(payload)))));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(100 + 1000, await BalanceAsync(workspace));
        Assert.Single(await PurchasesAsync(workspace));
    }

    [Fact]
    public async Task An_unpaid_checkout_waits_for_its_async_payment_which_then_credits_once()
    {
        var workspace = await Portal.CreateWorkspaceAsync();
        var session = NewSession();

        await DeliverAsync(Delivery(CheckoutEvent(EventTypes.CheckoutSessionCompleted, session, workspace, "starter", paymentStatus: "unpaid")));
        Assert.Equal(100, await BalanceAsync(workspace));

        await DeliverAsync(Delivery(CheckoutEvent(EventTypes.CheckoutSessionAsyncPaymentSucceeded, session, workspace, "starter")));
        await DeliverAsync(Delivery(CheckoutEvent(EventTypes.CheckoutSessionAsyncPaymentSucceeded, session, workspace, "starter")));
        Assert.Equal(1100, await BalanceAsync(workspace));
    }

    [Fact]
    public async Task A_failed_async_payment_marks_the_purchase_failed_and_credits_nothing()
    {
        var workspace = await Portal.CreateWorkspaceAsync();
        var session = NewSession();
        await Service<BillingCheckout>().RecordPendingAsync(workspace, session, Service<Microsoft.Extensions.Options.IOptions<BillingOptions>>().Value.Pack("scale")!, CancellationToken.None);

        await DeliverAsync(Delivery(CheckoutEvent(EventTypes.CheckoutSessionCompleted, session, workspace, "scale", paymentStatus: "unpaid")));
        await DeliverAsync(Delivery(CheckoutEvent(EventTypes.CheckoutSessionAsyncPaymentFailed, session, workspace, "scale", paymentStatus: "unpaid")));

        Assert.Equal(100, await BalanceAsync(workspace));
        Assert.Equal(PurchaseStatus.Failed, Assert.Single(await PurchasesAsync(workspace)).Status);
    }

    [Fact]
    public async Task Subscription_events_set_the_plan_and_add_one_allowance_per_period()
    {
        var workspace = await Portal.CreateWorkspaceAsync();
        var period = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var subscription = "sub_" + Guid.NewGuid().ToString("N");

        await DeliverAsync(Delivery(SubscriptionEvent(EventTypes.CustomerSubscriptionCreated, subscription, workspace, "pro", "active", period)));
        await DeliverAsync(Delivery(SubscriptionEvent(EventTypes.CustomerSubscriptionUpdated, subscription, workspace, "pro", "active", period)));
        Assert.Equal(WorkspacePlan.Pro, (await Service<WorkspaceDirectory>().FindAsync(workspace))!.Plan);
        Assert.Equal(100 + 5000, await BalanceAsync(workspace));

        await DeliverAsync(Delivery(SubscriptionEvent(EventTypes.CustomerSubscriptionUpdated, subscription, workspace, "team", "active", period.AddMonths(1))));
        Assert.Equal(WorkspacePlan.Team, (await Service<WorkspaceDirectory>().FindAsync(workspace))!.Plan);
        Assert.Equal(100 + 5000 + 20000, await BalanceAsync(workspace));

        await DeliverAsync(Delivery(SubscriptionEvent(EventTypes.CustomerSubscriptionDeleted, subscription, workspace, "team", "canceled", period.AddMonths(1))));
        Assert.Equal(WorkspacePlan.Free, (await Service<WorkspaceDirectory>().FindAsync(workspace))!.Plan);
        Assert.Equal(25100, await BalanceAsync(workspace));
    }
}
