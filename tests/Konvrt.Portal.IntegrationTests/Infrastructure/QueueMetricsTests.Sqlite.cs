using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Konvrt.Portal.TestSupport;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

/// <summary>
/// The queue's gauges, scraped from the portal as a process of its own: a gauge is read from every host that registers
/// it, and in this process other tests' hosts would answer too. Also <c>Metrics:Port</c>, which only a real listener shows.
/// </summary>
public sealed class QueueMetricsTests
{
    [Fact]
    public async Task On_its_own_port_a_scrape_finds_how_many_jobs_wait_and_how_long_the_oldest_has()
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), "konvrt-queue-" + Guid.NewGuid().ToString("N"));
        var metricsPort = PortalProcess.FreePort();
        var settings = new Dictionary<string, string>
        {
            // No worker: what is asked for stays in the queue.
            ["Jobs:Workers"] = "0",
            ["Metrics:Enabled"] = "true",
            ["Metrics:Port"] = $"{metricsPort}",
        };
        try
        {
            await using var portal = await PortalProcess.StartAsync(dataRoot, settings, alsoListenOn: $"http://127.0.0.1:{metricsPort}");
            Assert.Equal(0, (await PortalProcess.RunAsync(dataRoot, "admin", "create-user", "--email", "queue@example.com", "--password", "queue password 1234")).ExitCode);
            // API keys come with a paid plan.
            Assert.Equal(0, (await PortalProcess.RunAsync(dataRoot, "admin", "set-plan", "--email", "queue@example.com", "--plan", "pro")).ExitCode);
            var key = (await PortalProcess.RunAsync(dataRoot, "admin", "create-key", "--email", "queue@example.com", "--name", "queue")).Output.Trim().Split('\n')[^1].Trim();
            using var api = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var scraper = new HttpClient();

            var empty = await scraper.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
            Assert.Equal(0, ValueOf(empty, "konvrt_queue_depth"));
            Assert.Equal(0, ValueOf(empty, "konvrt_queue_oldest_age_seconds"));

            for (var n = 0; n < 3; n++)
            {
                using var accepted = await api.PostAsync("/api/v1/convert", Form(SmallJpeg((byte)(40 + n)), $"wait{n}.jpg", ("format", "webp"), ("async", "true")));
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            }
            // The gauges are read at most once a second, so a scrape right after the first may repeat it.
            var text = await Eventually.ValueAsync(async () => await scraper.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics") is var scraped
                && ValueOf(scraped, "konvrt_queue_depth") == 3 ? scraped : null, "three jobs waiting");
            Assert.InRange(ValueOf(text, "konvrt_queue_oldest_age_seconds"), double.Epsilon, 120);
            Assert.Equal(0, ValueOf(text, "konvrt_workers"));

            // Only on its own port: the public one has no /metrics.
            using var publicScrape = await api.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.NotFound, publicScrape.StatusCode);
        }
        finally
        {
            Directory.Delete(dataRoot, recursive: true);
        }
    }

    private static double ValueOf(string text, string metric) =>
        Regex.Match(text, $@"(?m)^{Regex.Escape(metric)}(?:\{{[^}}]*\}})? (?<value>[0-9.eE+-]+)") is { Success: true } found
            ? double.Parse(found.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new Xunit.Sdk.XunitException($"No {metric} in the scrape:\n{text}");
}
