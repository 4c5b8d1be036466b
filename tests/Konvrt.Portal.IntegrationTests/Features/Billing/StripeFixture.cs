using Konvrt.Portal.IntegrationTests.Support;

namespace Konvrt.Portal.IntegrationTests.Features.Billing;

/// <summary>The portal with Stripe configured: a real webhook secret, and Stripe.net pointed at the local fake.</summary>
public sealed class StripeFixture : IAsyncLifetime
{
    public FakeStripe Stripe { get; private set; } = default!;
    public PortalFactory Portal { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Stripe = await FakeStripe.StartAsync();
        Portal = new PortalFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Stripe:SecretKey"] = "sk_test_fake",
                ["Stripe:WebhookSecret"] = StripeKit.WebhookSecret,
                ["Stripe:ApiBase"] = Stripe.BaseUrl,
            },
        };
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}
