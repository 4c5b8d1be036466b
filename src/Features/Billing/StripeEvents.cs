using Konvrt.Portal.Features.Accounts.Email;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Konvrt.Portal.Features.Billing;

/// <summary>
/// What Stripe's events change here. Every handler may run twice, or twice at once: credits are added
/// under a unique ledger reference, so a fact credits once. Credits and amounts always come from this
/// server's configuration, never from anything the buyer's browser could have shaped.
/// </summary>
public sealed class StripeEvents(
    CreditLedger ledger, WorkspaceDirectory workspaces, AuditTrail audit, StripeGateway stripe, IDbContextFactory<PortalDbContext> contexts,
    OwnerNotices notices, PortalUrls urls, IOptions<BillingOptions> options, TimeProvider clock, ILogger<StripeEvents> logger)
{
    public const string SimulatedSessionPrefix = "cs_simulated_";

    public async Task HandleAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        switch (stripeEvent.Type)
        {
            case EventTypes.CheckoutSessionCompleted when stripeEvent.Data.Object is Session { Mode: "payment" } session:
                if (session.PaymentStatus == "paid")
                {
                    await FulfilAsync(session, cancellationToken);
                }
                // Otherwise a delayed method (a bank debit) is still running: async_payment_succeeded will follow.
                break;
            case EventTypes.CheckoutSessionCompleted when stripeEvent.Data.Object is Session { Mode: "subscription" } session:
                await LinkCustomerAsync(session, cancellationToken);
                break;
            case EventTypes.CheckoutSessionAsyncPaymentSucceeded when stripeEvent.Data.Object is Session session:
                await FulfilAsync(session, cancellationToken);
                break;
            case EventTypes.CheckoutSessionAsyncPaymentFailed when stripeEvent.Data.Object is Session session:
                await MarkFailedAsync(session, cancellationToken);
                break;
            case EventTypes.CustomerSubscriptionCreated or EventTypes.CustomerSubscriptionUpdated when stripeEvent.Data.Object is Subscription subscription:
                await SyncSubscriptionAsync(subscription, deleted: false, cancellationToken);
                break;
            case EventTypes.CustomerSubscriptionDeleted when stripeEvent.Data.Object is Subscription subscription:
                await SyncSubscriptionAsync(subscription, deleted: true, cancellationToken);
                break;
            default:
                logger.LogDebug("Ignored Stripe event {Type}", stripeEvent.Type);
                break;
        }
    }

    private async Task FulfilAsync(Session session, CancellationToken cancellationToken)
    {
        var workspaceId = await WorkspaceOfAsync(session.ClientReferenceId, cancellationToken);
        var pack = session.Metadata?.GetValueOrDefault(BillingCheckout.PackKey) is { } key ? options.Value.Pack(key) : null;
        if (workspaceId is null || pack is null)
        {
            logger.LogError("Checkout Session {SessionId} names no known workspace or pack; nothing was credited", session.Id);
            return;
        }
        var receipt = await ReceiptOfAsync(session.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var credited = await ledger.CreditAsync(workspaceId.Value, CreditEntryKind.Purchase, pack.Credits, $"checkout:{session.Id}",
            $"{pack.Name} pack", cancellationToken, async db =>
            {
                var purchase = await db.Set<Purchase>().SingleOrDefaultAsync(p => p.CheckoutSessionId == session.Id, cancellationToken);
                if (purchase is null)
                {
                    purchase = new Purchase
                    {
                        WorkspaceId = workspaceId.Value,
                        CheckoutSessionId = session.Id,
                        PackKey = pack.Key,
                        PackName = pack.Name,
                        Credits = pack.Credits,
                        Amount = pack.Amount,
                        Currency = pack.Currency,
                        CreatedAt = now,
                    };
                    db.Set<Purchase>().Add(purchase);
                }
                purchase.Status = PurchaseStatus.Fulfilled;
                purchase.FulfilledAt = now;
                purchase.ReceiptUrl = receipt;
                audit.Add(db, workspaceId.Value, AuditActor.Stripe, AuditActions.CreditsPurchased, $"{pack.Name} pack",
                    $"{pack.Credits:N0} credits, {Money.Format(pack.Amount, pack.Currency)}");
            });
        logger.LogInformation("Checkout Session {SessionId}: {Credits} credits, newly credited {Credited}", session.Id, pack.Credits, credited);
        if (credited)
        {
            await SendReceiptAsync(workspaceId.Value, session.Id, pack, receipt, now, cancellationToken);
        }
    }

    /// <summary>
    /// The owners' receipt, once, when the credits are first recorded. A mail server that fails here must not make Stripe
    /// send the event again (the credits are in; a repeat would find them and send nothing), so the failure is logged.
    /// </summary>
    private async Task SendReceiptAsync(Guid workspaceId, string sessionId, CreditPack pack, string? stripeReceipt, DateTimeOffset paidAt, CancellationToken cancellationToken)
    {
        try
        {
            var balance = await ledger.BalanceAsync(workspaceId, cancellationToken);
            await notices.SendAsync(workspaceId, workspace => new PortalMail(
                $"Your Konvrt receipt: {pack.Name} pack, {pack.Credits:N0} credits",
                $"Thank you: {pack.Credits:N0} credits are in {workspace}",
                ["Your payment went through and the credits are ready to use."],
                stripeReceipt is null ? null : new MailLink("Stripe's receipt for your records", stripeReceipt),
                OwnerNotices.BecauseOwner(workspace, "a credit pack was bought for it"),
                new MailLink("The workspace's billing page and credit history", urls.To("billing")))
            {
                Facts =
                [
                    ("Pack", pack.Name),
                    ("Credits", pack.Credits.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
                    ("Paid", Money.Format(pack.Amount, pack.Currency)),
                    ("Date", paidAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)),
                    ("Balance now", balance.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
                    ("Reference", sessionId),
                ],
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "The receipt for Checkout Session {SessionId} was not sent", sessionId);
        }
    }

    private async Task MarkFailedAsync(Session session, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<Purchase>().Where(p => p.CheckoutSessionId == session.Id && p.Status == PurchaseStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, PurchaseStatus.Failed), cancellationToken);
    }

    private async Task LinkCustomerAsync(Session session, CancellationToken cancellationToken)
    {
        if (await WorkspaceOfAsync(session.ClientReferenceId, cancellationToken) is { } workspaceId && session.CustomerId is { } customer)
        {
            await SetStripeIdsAsync(workspaceId, customer, session.SubscriptionId, cancellationToken);
        }
    }

    private async Task SyncSubscriptionAsync(Subscription subscription, bool deleted, CancellationToken cancellationToken)
    {
        var workspaceId = await WorkspaceOfAsync(subscription.Metadata?.GetValueOrDefault(BillingCheckout.WorkspaceKey), cancellationToken)
            ?? await WorkspaceOfCustomerAsync(subscription.CustomerId, cancellationToken);
        if (workspaceId is null)
        {
            logger.LogError("Subscription {SubscriptionId} belongs to no known workspace", subscription.Id);
            return;
        }
        var offer = PlanOf(subscription);
        var active = !deleted && subscription.Status is "active" or "trialing" or "past_due";
        await workspaces.SetPlanAsync(workspaceId.Value, active && offer is not null ? offer.Plan : WorkspacePlan.Free, AuditActor.Stripe, cancellationToken);
        var item = subscription.Items?.Data?.FirstOrDefault();
        await SetStripeIdsAsync(workspaceId.Value, subscription.CustomerId, deleted ? null : subscription.Id, cancellationToken,
            renewal: deleted ? (null, false) : (item?.CurrentPeriodEnd is { } end && end > DateTime.UnixEpoch ? new DateTimeOffset(end, TimeSpan.Zero) : null, subscription.CancelAtPeriodEnd));

        var period = subscription.Items?.Data?.FirstOrDefault()?.CurrentPeriodStart;
        if (offer is { MonthlyCredits: > 0 } && subscription.Status is "active" or "trialing" && !deleted && period is { } start)
        {
            // One allowance per subscription period, however many updates arrive during it.
            await ledger.CreditAsync(workspaceId.Value, CreditEntryKind.Allowance, offer.MonthlyCredits,
                $"allowance:{subscription.Id}:{start:yyyy-MM-ddTHH:mm:ssZ}", $"{offer.Name} plan, monthly credits", cancellationToken);
        }
    }

    private PlanOffer? PlanOf(Subscription subscription)
    {
        if (subscription.Metadata?.GetValueOrDefault(BillingCheckout.PlanKey) is { } named
            && Enum.TryParse<WorkspacePlan>(named, ignoreCase: true, out var plan) && options.Value.Plan(plan) is { } offer)
        {
            return offer;
        }
        var priceId = subscription.Items?.Data?.FirstOrDefault()?.Price?.Id;
        return options.Value.Plans.FirstOrDefault(candidate => candidate.PriceId is not null && candidate.PriceId == priceId);
    }

    /// <param name="renewal">The subscription's period end and whether it ends then; left as it is when null.</param>
    private async Task SetStripeIdsAsync(Guid workspaceId, string? customer, string? subscription, CancellationToken cancellationToken,
        (DateTimeOffset? RenewsAt, bool EndsAtPeriodEnd)? renewal = null)
    {
        await ledger.OpenAccountAsync(workspaceId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await db.Set<CreditAccount>().SingleAsync(a => a.WorkspaceId == workspaceId, cancellationToken);
        account.StripeCustomerId = customer ?? account.StripeCustomerId;
        account.StripeSubscriptionId = subscription;
        if (renewal is { } next)
        {
            account.PlanRenewsAt = next.RenewsAt;
            account.PlanEndsAtPeriodEnd = next.EndsAtPeriodEnd;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<Guid?> WorkspaceOfAsync(string? reference, CancellationToken cancellationToken) =>
        Guid.TryParse(reference, out var id) && await workspaces.FindAsync(id, cancellationToken) is not null ? id : null;

    private async Task<Guid?> WorkspaceOfCustomerAsync(string? customer, CancellationToken cancellationToken)
    {
        if (customer is null)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<CreditAccount>().Where(account => account.StripeCustomerId == customer)
            .Select(account => (Guid?)account.WorkspaceId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The receipt of the session's payment, if Stripe can say; fulfilment never waits on it.</summary>
    private async Task<string?> ReceiptOfAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!stripe.PaymentsConfigured || sessionId.StartsWith(SimulatedSessionPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            var session = await new SessionService(stripe.Client).GetAsync(sessionId,
                new SessionGetOptions { Expand = ["payment_intent.latest_charge"] }, cancellationToken: cancellationToken);
            return session.PaymentIntent?.LatestCharge?.ReceiptUrl;
        }
        catch (StripeException exception)
        {
            logger.LogWarning(exception, "Could not fetch the receipt of Checkout Session {SessionId}", sessionId);
            return null;
        }
    }
}
