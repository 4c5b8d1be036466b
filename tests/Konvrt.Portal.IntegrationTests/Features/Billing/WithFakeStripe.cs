using Konvrt.Portal.IntegrationTests.Support;

namespace Konvrt.Portal.IntegrationTests.Features.Billing;

/// <summary>Stripe configured: a real webhook secret, and Stripe.net pointed at the local fake.</summary>
public sealed class WithFakeStripe : PortalSetup
{
    public FakeStripe Stripe { get; private set; } = default!;

    public override async Task StartAsync() => Stripe = await FakeStripe.StartAsync();

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Stripe:SecretKey"] = "sk_test_fake",
        ["Stripe:WebhookSecret"] = StripeKit.WebhookSecret,
        ["Stripe:ApiBase"] = Stripe.BaseUrl,
    };

    protected override ValueTask StopAsync() => Stripe.DisposeAsync();
}
