using Konvrt.Portal.IntegrationTests.Support;

namespace Konvrt.Portal.IntegrationTests.Features.Webhooks;

/// <summary>A receiver on loopback, the portal allowed to reach it, a schedule a thousand times faster, and metrics to scrape.</summary>
public sealed class WithWebhookReceiver : PortalSetup
{
    public WebhookReceiver Receiver { get; private set; } = default!;

    public override async Task StartAsync() => Receiver = await WebhookReceiver.StartAsync();

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["Webhooks:ScheduleScale"] = "0.001",
        ["Webhooks:PollSeconds"] = "0.1",
        ["Webhooks:PublicBaseUrl"] = "https://konvrt.example",
        ["Metrics:Enabled"] = "true",
    };

    protected override ValueTask StopAsync() => Receiver.DisposeAsync();
}
