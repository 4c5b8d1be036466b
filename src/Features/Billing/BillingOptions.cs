using System.ComponentModel.DataAnnotations;
using Konvrt.Portal.Features.Workspaces;

namespace Konvrt.Portal.Features.Billing;

/// <summary><c>Billing</c>: what conversions cost and what can be bought.</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>One credit buys this many bytes of input (rounded up, at least one credit a job).</summary>
    [Range(1, long.MaxValue)]
    public long BytesPerCredit { get; set; } = 10L * 1024 * 1024;

    /// <summary>Credits a new workspace starts with, so that it can try the service before paying.</summary>
    [Range(0, int.MaxValue)]
    public int FreeCredits { get; set; } = 100;

    /// <summary>Under this balance the portal shows a warning and the owner gets one e-mail.</summary>
    [Range(0, int.MaxValue)]
    public int LowBalanceCredits { get; set; } = 50;

    public List<CreditPack> Packs { get; set; } = [];

    public List<PlanOffer> Plans { get; set; } = [];

    public int CostOf(long inputBytes) => (int)Math.Max(1, (inputBytes + BytesPerCredit - 1) / BytesPerCredit);

    public CreditPack? Pack(string key) => Packs.FirstOrDefault(pack => string.Equals(pack.Key, key, StringComparison.OrdinalIgnoreCase));

    public PlanOffer? Plan(WorkspacePlan plan) => Plans.FirstOrDefault(offer => offer.Plan == plan);
}

/// <summary>A credit pack: a Stripe Price, or an amount and currency for an inline price.</summary>
public sealed class CreditPack
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    [Range(1, int.MaxValue)]
    public int Credits { get; set; }
    public string? PriceId { get; set; }
    /// <summary>In the currency's smallest unit: 500 is $5.00.</summary>
    public long Amount { get; set; }
    public string Currency { get; set; } = "usd";
}

/// <summary>A paid plan as a monthly Stripe subscription, with the credits it adds every period.</summary>
public sealed class PlanOffer
{
    public WorkspacePlan Plan { get; set; }
    public string Name { get; set; } = "";
    public string? PriceId { get; set; }
    public long Amount { get; set; }
    public string Currency { get; set; } = "usd";
    [Range(0, int.MaxValue)]
    public int MonthlyCredits { get; set; }
}
