namespace Konvrt.Portal.Features.Billing;

public enum CreditEntryKind
{
    Purchase,
    Charge,
    Refund,
    Grant,
    Allowance,
}

/// <summary>
/// One line of a workspace's credit ledger. Append-only: entries are never changed or deleted, and the
/// workspace's balance is always their sum (kept beside them, in the same transaction, as <see cref="CreditAccount.Balance"/>).
/// </summary>
public sealed class CreditEntry
{
    public long Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public CreditEntryKind Kind { get; init; }
    /// <summary>Positive when credits come in, negative when they are spent.</summary>
    public int Credits { get; init; }
    public int BalanceAfter { get; init; }
    public Guid? JobId { get; init; }
    /// <summary>
    /// What the entry answers to outside the ledger: a Checkout Session id, a subscription period. Unique,
    /// so that a repeated or concurrent delivery of the same fact credits once.
    /// </summary>
    public string? ExternalRef { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
