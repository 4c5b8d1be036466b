using Konvrt.Portal.IntegrationTests.Support;

namespace Konvrt.Portal.IntegrationTests.Features.Webhooks;

/// <summary>The portal allowed to deliver to loopback (the receiver lives there), with a schedule a thousand times faster.</summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    public WebhookReceiver Receiver { get; private set; } = default!;
    public PortalFactory Portal { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Portal = new PortalFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Webhooks:AllowPrivateNetworks"] = "true",
                ["Webhooks:ScheduleScale"] = "0.001",
                ["Webhooks:PollSeconds"] = "0.1",
                ["Webhooks:PublicBaseUrl"] = "https://konvrt.example",
            },
        };
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
