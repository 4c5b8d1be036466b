using System.Net;
using System.Net.Http.Headers;
using Konvrt.Portal.IntegrationTests.Support;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

/// <summary><c>Metrics:Enabled</c> and <c>Metrics:Token</c>: who finds <c>/metrics</c> (what a scrape finds: ScrapeTests, against a portal process).</summary>
public sealed class MetricsTests
{
    private const string Token = "scrape-token-for-tests";

    [Fact]
    public async Task Without_its_token_the_endpoint_is_not_there_and_without_Metrics_Enabled_it_never_is()
    {
        await using (var guarded = new PortalFactory { Settings = new Dictionary<string, string> { ["Metrics:Enabled"] = "true", ["Metrics:Token"] = Token } })
        {
            using var client = guarded.CreateClient();
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-" + Token);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
        }

        await using var off = new PortalFactory();
        using var anyone = off.CreateClient();
        anyone.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/metrics")).StatusCode);
    }
}
