namespace Konvrt.Portal.Features.Billing;

public enum PurchaseStatus
{
    /// <summary>Checkout was opened; nothing is paid yet.</summary>
    Pending,
    /// <summary>Paid and the credits are in the ledger.</summary>
    Fulfilled,
    /// <summary>The payment failed (a delayed method such as a bank debit was refused).</summary>
    Failed,
}

/// <summary>A credit pack bought through Stripe Checkout, one per Checkout Session.</summary>
public sealed class Purchase
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public required string CheckoutSessionId { get; init; }
    public required string PackKey { get; init; }
    public required string PackName { get; init; }
    public int Credits { get; init; }
    /// <summary>In the currency's smallest unit (cents).</summary>
    public long Amount { get; init; }
    public required string Currency { get; init; }
    public PurchaseStatus Status { get; set; }
    public string? ReceiptUrl { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FulfilledAt { get; set; }
}
