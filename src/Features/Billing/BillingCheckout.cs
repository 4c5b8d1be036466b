using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe.Checkout;

namespace Konvrt.Portal.Features.Billing;

/// <summary>Opens Stripe Checkout for a credit pack or a plan, and the Customer Portal for a subscription.</summary>
public sealed class BillingCheckout(
    StripeGateway stripe, IDbContextFactory<PortalDbContext> contexts, IOptions<BillingOptions> options, TimeProvider clock)
{
    public const string WorkspaceKey = "workspace";
    public const string PackKey = "pack";
    public const string PlanKey = "plan";

    /// <summary>A Checkout Session in payment mode; returns where to send the browser.</summary>
    /// <param name="baseUrl">The portal's own address, ending in a slash.</param>
    public async Task<string> BuyPackAsync(Caller caller, string packKey, string baseUrl, CancellationToken cancellationToken)
    {
        var pack = options.Value.Pack(packKey) ?? throw new ArgumentException($"There is no pack '{packKey}'.", nameof(packKey));
        var customer = await CustomerOfAsync(caller.WorkspaceId, cancellationToken);
        var session = await new SessionService(stripe.Client).CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = caller.WorkspaceId.ToString(),
            Customer = customer,
            CustomerEmail = customer is null ? caller.Email : null,
            Metadata = new() { [WorkspaceKey] = caller.WorkspaceId.ToString(), [PackKey] = pack.Key },
            LineItems = [LineItem(pack.PriceId, pack.Amount, pack.Currency, $"{pack.Name}: {pack.Credits:N0} Konvrt credits", recurring: false)],
            SuccessUrl = $"{baseUrl}billing/success?session_id={{CHECKOUT_SESSION_ID}}",
            CancelUrl = $"{baseUrl}billing",
        }, cancellationToken: cancellationToken);
        await RecordPendingAsync(caller.WorkspaceId, session.Id, pack, cancellationToken);
        return session.Url;
    }

    /// <summary>A Checkout Session in subscription mode for the Pro or Team plan.</summary>
    public async Task<string> SubscribeAsync(Caller caller, WorkspacePlan plan, string baseUrl, CancellationToken cancellationToken)
    {
        var offer = options.Value.Plan(plan) ?? throw new ArgumentException($"The {plan} plan is not offered.", nameof(plan));
        var customer = await CustomerOfAsync(caller.WorkspaceId, cancellationToken);
        var metadata = new Dictionary<string, string> { [WorkspaceKey] = caller.WorkspaceId.ToString(), [PlanKey] = plan.ToString().ToLowerInvariant() };
        var session = await new SessionService(stripe.Client).CreateAsync(new SessionCreateOptions
        {
            Mode = "subscription",
            ClientReferenceId = caller.WorkspaceId.ToString(),
            Customer = customer,
            CustomerEmail = customer is null ? caller.Email : null,
            Metadata = metadata,
            SubscriptionData = new SessionSubscriptionDataOptions { Metadata = new(metadata) },
            LineItems = [LineItem(offer.PriceId, offer.Amount, offer.Currency, $"Konvrt {offer.Name}", recurring: true)],
            SuccessUrl = $"{baseUrl}billing?subscribed={plan.ToString().ToLowerInvariant()}",
            CancelUrl = $"{baseUrl}billing",
        }, cancellationToken: cancellationToken);
        return session.Url;
    }

    /// <summary>The Stripe Customer Portal, where the owner changes or cancels the subscription; null without a Stripe customer.</summary>
    public async Task<string?> ManageSubscriptionAsync(Guid workspaceId, string baseUrl, CancellationToken cancellationToken)
    {
        var customer = await CustomerOfAsync(workspaceId, cancellationToken);
        if (customer is null)
        {
            return null;
        }
        var portal = await new Stripe.BillingPortal.SessionService(stripe.Client).CreateAsync(
            new Stripe.BillingPortal.SessionCreateOptions { Customer = customer, ReturnUrl = $"{baseUrl}billing" },
            cancellationToken: cancellationToken);
        return portal.Url;
    }

    /// <summary>Remembers the pack chosen for a session before it is paid, so the success page can follow it.</summary>
    public async Task RecordPendingAsync(Guid workspaceId, string sessionId, CreditPack pack, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Set<Purchase>().Add(new Purchase
        {
            WorkspaceId = workspaceId,
            CheckoutSessionId = sessionId,
            PackKey = pack.Key,
            PackName = pack.Name,
            Credits = pack.Credits,
            Amount = pack.Amount,
            Currency = pack.Currency,
            Status = PurchaseStatus.Pending,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<string?> CustomerOfAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<CreditAccount>().Where(account => account.WorkspaceId == workspaceId)
            .Select(account => account.StripeCustomerId).SingleOrDefaultAsync(cancellationToken);
    }

    private static SessionLineItemOptions LineItem(string? priceId, long amount, string currency, string name, bool recurring) =>
        priceId is { Length: > 0 }
            ? new SessionLineItemOptions { Price = priceId, Quantity = 1 }
            : new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = currency,
                    UnitAmount = amount,
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = name },
                    Recurring = recurring ? new SessionLineItemPriceDataRecurringOptions { Interval = "month" } : null,
                },
            };
}
