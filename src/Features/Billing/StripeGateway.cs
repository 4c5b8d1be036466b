using Microsoft.Extensions.Options;
using Stripe;

namespace Konvrt.Portal.Features.Billing;

/// <summary>The one Stripe.net client of the process, or none while <c>Stripe:SecretKey</c> is unset.</summary>
public sealed class StripeGateway(IOptions<StripeOptions> options)
{
    private readonly Lazy<IStripeClient?> client = new(() => options.Value.PaymentsConfigured
        ? new StripeClient(new StripeClientOptions
        {
            ApiKey = options.Value.SecretKey,
            ApiBase = string.IsNullOrWhiteSpace(options.Value.ApiBase) ? null : options.Value.ApiBase.TrimEnd('/'),
        })
        : null);

    public bool PaymentsConfigured => options.Value.PaymentsConfigured;

    public IStripeClient Client => client.Value ?? throw new InvalidOperationException("Payments are not configured: set Stripe:SecretKey.");
}
