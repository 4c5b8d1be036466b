namespace Konvrt.Portal.Features.Billing;

/// <summary>A workspace's billing state: its balance (the ledger's sum) and its link to Stripe.</summary>
public sealed class CreditAccount
{
    public Guid WorkspaceId { get; init; }
    public int Balance { get; set; }
    public string? StripeCustomerId { get; set; }
    public string? StripeSubscriptionId { get; set; }
    /// <summary>When the subscription's current period ends: the plan renews then, or ends if <see cref="PlanEndsAtPeriodEnd"/>.</summary>
    public DateTimeOffset? PlanRenewsAt { get; set; }
    /// <summary>Cancelled in Stripe's portal: the plan lasts until <see cref="PlanRenewsAt"/>, then the workspace is on Free.</summary>
    public bool PlanEndsAtPeriodEnd { get; set; }
    /// <summary>Set when the balance fell under <c>Billing:LowBalanceCredits</c> and the owner was told; cleared when it rises again.</summary>
    public bool LowBalanceWarned { get; set; }
    /// <summary>
    /// When the low-balance alert is due to be sent: set in the very transaction of the charge that crossed the
    /// threshold, pushed forward while a host sends it (a lease), cleared once sent. A crash loses nothing.
    /// </summary>
    public DateTimeOffset? LowBalanceAlertDueAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
