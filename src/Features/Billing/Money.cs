using System.Globalization;

namespace Konvrt.Portal.Features.Billing;

/// <summary>Amounts in a currency's smallest unit, shown as people read prices.</summary>
public static class Money
{
    public static string Format(long amount, string currency)
    {
        var code = currency.ToUpperInvariant();
        var value = amount / 100m;
        return code switch
        {
            "USD" => string.Create(CultureInfo.InvariantCulture, $"${value:0.00}"),
            "EUR" => string.Create(CultureInfo.InvariantCulture, $"€{value:0.00}"),
            "GBP" => string.Create(CultureInfo.InvariantCulture, $"£{value:0.00}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{value:0.00} {code}"),
        };
    }
}
