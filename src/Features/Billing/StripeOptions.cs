namespace Konvrt.Portal.Features.Billing;

/// <summary><c>Stripe</c>: keys from configuration or user secrets, never from the repository.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public string? SecretKey { get; set; }
    public string? WebhookSecret { get; set; }
    /// <summary>Where Stripe's API answers; tests point it at a local fake.</summary>
    public string? ApiBase { get; set; }

    public bool PaymentsConfigured => !string.IsNullOrWhiteSpace(SecretKey);
}
