using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Konvrt.Portal.TestSupport;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

/// <summary>
/// Prometheus scraping the portal as a process of its own, as in production. Not in this test process: OpenTelemetry
/// matches meters by name in a whole process, and other tests' hosts there have meters of the same names (one of them
/// stopping can even end a stream another host still writes to). Also <c>Metrics:Port</c>, which only a real listener shows.
/// </summary>
public sealed class ScrapeTests
{
    private const string Token = "scrape-token-for-tests";

    [Fact]
    public async Task After_a_conversion_a_scrape_finds_the_conversion_its_stages_its_credits_and_the_http_and_runtime_meters()
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), "konvrt-scrape-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["Metrics:Enabled"] = "true", ["Metrics:Token"] = Token };
        try
        {
            await using var portal = await PortalProcess.StartAsync(dataRoot, settings);
            var key = await PortalProcess.ApiKeyAsync(dataRoot, "scrape@example.com", "scrape password 1234");
            using var api = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var scraper = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
            scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

            using var converted = await api.PostAsync("/api/v1/convert", Form(SmallJpeg(90), "shoe.jpg", ("format", "webp")));
            Assert.Equal("completed", (await converted.JsonAsync()).GetProperty("status").GetString());

            // The worker counts a job just after it writes down the announcement the answer waited for: a moment later.
            var conversion = Sample("konvrt_conversions_total", ("input_format", "jpeg"), ("origin", "api"), ("outcome", "completed"), ("output_format", "webp"));
            var text = await Eventually.ValueAsync(async () => await scraper.GetStringAsync("/metrics") is var scraped
                && ValueOf(scraped, conversion) == 1 ? scraped : null, "one completed jpeg → webp conversion from the API, counted");
            foreach (var stage in new[] { "validate", "decode", "convert", "encode", "store", "notify" })
            {
                Assert.Equal(1, ValueOf(text, Sample("konvrt_stage_duration_seconds_count", ("stage", stage))));
            }
            Assert.Equal(1, ValueOf(text, Sample("konvrt_credits_charged_total")));
            Assert.Equal(0, ValueOf(text, Sample("konvrt_workers_busy")));
            Assert.Equal(0, ValueOf(text, Sample("konvrt_queue_depth")));
            Assert.Equal(1, ValueOf(text, Sample("http_server_request_duration_seconds_count", ("http_route", "/api/v1/convert"), ("http_response_status_code", "200"))));
            Assert.Matches(@"(?m)^dotnet_gc_collections_total\{", text);
            // No secret ever reaches a label: not the scrape token, not the caller's key.
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataRoot, recursive: true);
        }
    }
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
            var key = await PortalProcess.ApiKeyAsync(dataRoot, "queue@example.com", "queue password 1234");
            using var api = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var scraper = new HttpClient();

            var empty = await scraper.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
            Assert.Equal(0, ValueOf(empty, Sample("konvrt_queue_depth")));
            Assert.Equal(0, ValueOf(empty, Sample("konvrt_queue_oldest_age_seconds")));

            for (var n = 0; n < 3; n++)
            {
                using var accepted = await api.PostAsync("/api/v1/convert", Form(SmallJpeg((byte)(40 + n)), $"wait{n}.jpg", ("format", "webp"), ("async", "true")));
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            }
            // The gauges are read at most once a second, so a scrape right after the first may repeat it.
            var text = await Eventually.ValueAsync(async () => await scraper.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics") is var scraped
                && ValueOf(scraped, Sample("konvrt_queue_depth")) == 3 ? scraped : null, "three jobs waiting");
            Assert.InRange(ValueOf(text, Sample("konvrt_queue_oldest_age_seconds")), double.Epsilon, 120);
            Assert.Equal(0, ValueOf(text, Sample("konvrt_workers")));

            // Only on its own port: the public one has no /metrics.
            using var publicScrape = await api.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.NotFound, publicScrape.StatusCode);
        }
        finally
        {
            Directory.Delete(dataRoot, recursive: true);
        }
    }

    /// <summary>The value of the first sample <paramref name="sample"/> matches; a scrape without it fails the test.</summary>
    private static double ValueOf(string text, string sample) =>
        Regex.Match(text, sample + @" (?<value>[0-9.eE+-]+)") is { Success: true } found
            ? double.Parse(found.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new Xunit.Sdk.XunitException($"No {sample} in the scrape:\n{text}");

    /// <summary>A line of the metric with at least these labels, in any order among others (or none at all).</summary>
    private static string Sample(string metric, params (string Name, string Value)[] labels) =>
        @"(?m)^" + Regex.Escape(metric) + @"(?:\{" + string.Concat(labels.Select(label => $@"(?=[^}}]*\b{label.Name}=""{Regex.Escape(label.Value)}"")")) + @"[^}]*\})" + (labels.Length == 0 ? "?" : "");
}
