using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;

namespace Konvrt.Portal.IntegrationTests.Features.Storage;

/// <summary>
/// The whole pipeline's companions on loopback: an S3 server (with the bucket <c>shop</c>), a site serving the
/// test images, and a webhook receiver; private networks allowed, so the portal reaches them.
/// </summary>
public sealed class WithS3Server : PortalSetup
{
    public const string Bucket = "shop";

    public S3Server S3 { get; private set; } = default!;

    public ImageHost Images { get; private set; } = default!;

    public WebhookReceiver Receiver { get; private set; } = default!;

    public override async Task StartAsync()
    {
        S3 = await S3Server.StartAsync(Bucket);
        Images = await ImageHost.StartAsync();
        Receiver = await WebhookReceiver.StartAsync();
    }

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Outbound:AllowPrivateNetworks"] = "true",
        ["Webhooks:ScheduleScale"] = "0.001",
        ["Webhooks:PollSeconds"] = "0.1",
        ["Webhooks:PublicBaseUrl"] = "https://konvrt.example",
        // A retry's wait of minutes becomes milliseconds; the test calls the retry itself.
        ["Jobs:StoreRetryScale"] = "0.0001",
        ["Jobs:FetchTimeoutSeconds"] = "3",
        ["Conversion:Limits:MaxInputBytes"] = (16 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A destination's fields for this server: its default credentials, path-style.</summary>
    public object Destination(string name, string? bucket = null, string? secret = null, string? accessKeyId = null, string? prefix = null) => new
    {
        name,
        endpoint = S3.Endpoint,
        region = S3Server.Region,
        bucket = bucket ?? Bucket,
        accessKeyId = accessKeyId ?? S3Server.AccessKeyId,
        secretAccessKey = secret ?? S3Server.SecretAccessKey,
        forcePathStyle = true,
        prefix,
    };

    protected override async ValueTask StopAsync()
    {
        await S3.DisposeAsync();
        await Images.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
