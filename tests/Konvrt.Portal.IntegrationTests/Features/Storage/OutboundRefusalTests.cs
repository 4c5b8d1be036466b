using System.Net.Http.Json;
using System.Text;
using Konvrt.Portal.Infrastructure.Outbound;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.Storage;

/// <summary>
/// The default policy (private networks closed) with an S3 server and an image site on loopback anyway, and a DNS
/// that lies: what an attacker would aim a URL source or a storage endpoint at.
/// </summary>
public sealed class WithPrivateNetworksClosed : PortalSetup
{
    public S3Server S3 { get; private set; } = default!;

    public ImageHost Images { get; private set; } = default!;

    public override async Task StartAsync()
    {
        S3 = await S3Server.StartAsync("shop");
        Images = await ImageHost.StartAsync();
    }

    public override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IHostResolver, RebindingResolver>();

    protected override async ValueTask StopAsync()
    {
        await S3.DisposeAsync();
        await Images.DisposeAsync();
    }
}

/// <summary>With <c>Outbound:AllowPrivateNetworks</c> false, neither a URL source nor a storage endpoint reaches the inside.</summary>
public sealed class OutboundRefusalTests(PortalFactory<WithPrivateNetworksClosed> portal) : IClassFixture<PortalFactory<WithPrivateNetworksClosed>>
{
    [Theory]
    [InlineData("http://127.0.0.1:{port}/images/photo3_iphone6_3264x2448.jpg")]
    [InlineData("http://localhost:{port}/images/photo3_iphone6_3264x2448.jpg")]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/security-credentials/")]
    [InlineData("http://10.0.0.8/image.jpg")]
    [InlineData("http://[::1]:{port}/images/photo3_iphone6_3264x2448.jpg")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://user:pass@example.com/image.jpg")]
    public async Task A_url_source_aimed_inside_is_refused_before_anything_is_fetched_or_charged(string template)
    {
        var user = await portal.ApiUserAsync();
        var url = template.Replace("{port}", new Uri(portal.Setup.Images.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var response = await user.Client.PostAsync("/api/v1/convert", new StringContent($$"""{ "url": "{{url}}", "format": "webp" }""", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(400, "invalid-options");
        Assert.False(string.IsNullOrWhiteSpace((await response.JsonAsync()).GetProperty("errors").GetProperty("url")[0].GetString()));
        Assert.Equal(0, (await (await user.Client.GetAsync("/api/v1/jobs")).JsonAsync()).GetProperty("totalCount").GetInt32());
        Assert.DoesNotContain(portal.Setup.Images.Requests, request => request.Path.Contains("photo3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_name_that_resolves_public_when_checked_and_to_loopback_when_fetched_fails_the_job_and_costs_nothing()
    {
        var user = await portal.ApiUserAsync();
        var balance = await BalanceAsync(user);
        var port = new Uri(portal.Setup.Images.BaseUrl).Port;

        var response = await user.Client.PostAsync("/api/v1/convert", new StringContent(
            $$"""{ "url": "http://{{RebindingResolver.Host}}:{{port}}/images/rebound.jpg", "format": "webp" }""", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(422, "source-unreachable");
        Assert.Contains("127.0.0.1: not a public address", (await response.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(portal.Setup.Images.Requests, request => request.Path.Contains("rebound", StringComparison.Ordinal));
        Assert.Equal(balance, await BalanceAsync(user));
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}")]
    [InlineData("http://localhost:{port}")]
    [InlineData("http://169.254.169.254")]
    [InlineData("http://[fd00::1]:9000")]
    public async Task A_storage_endpoint_aimed_inside_is_refused_when_saved_and_nothing_is_written_there(string template)
    {
        var user = await portal.ApiUserAsync();
        var endpoint = template.Replace("{port}", new Uri(portal.Setup.S3.Endpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var response = await user.Client.PostAsJsonAsync("/api/v1/storage", new
        {
            name = "inside", endpoint, region = "us-east-1", bucket = "shop", accessKeyId = S3Server.AccessKeyId, secretAccessKey = S3Server.SecretAccessKey, forcePathStyle = true,
        });

        await response.AssertProblemAsync(400, "invalid-storage");
        Assert.Contains("private or local", (await response.JsonAsync()).GetProperty("errors").GetProperty("endpoint")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await portal.Setup.S3.KeysAsync("shop"));
    }

    private static async Task<int> BalanceAsync(ApiUser user) =>
        (await (await user.Client.GetAsync("/api/v1/account")).JsonAsync()).GetProperty("creditBalance").GetInt32();
}
