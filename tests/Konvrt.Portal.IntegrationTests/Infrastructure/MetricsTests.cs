using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

/// <summary><c>Metrics:Enabled</c>: Prometheus scrapes <c>/metrics</c> and finds Konvrt's instruments beside ASP.NET Core's and the runtime's.</summary>
public sealed class MetricsTests
{
    private const string Token = "scrape-token-for-tests";

    [Fact]
    public async Task After_a_conversion_a_scrape_finds_the_conversion_its_stages_its_credits_and_the_http_and_runtime_meters()
    {
        await using var portal = new PortalFactory { Settings = new Dictionary<string, string> { ["Metrics:Enabled"] = "true", ["Metrics:Token"] = Token } };
        var user = await portal.ApiUserAsync();

        // Meters are matched by name in the whole process, and other tests' hosts run beside this one: what this test
        // proves is what its conversion added between two scrapes.
        var before = await ScrapeAsync(portal);
        var converted = await (await user.Client.PostAsync("/api/v1/convert", Form(SmallJpeg(90), "shoe.jpg", ("format", "webp")))).JsonAsync();
        Assert.Equal("completed", converted.GetProperty("status").GetString());
        var conversion = Sample("konvrt_conversions_total", ("input_format", "jpeg"), ("origin", "api"), ("outcome", "completed"), ("output_format", "webp"));
        // The worker counts a job just after it writes down the announcement the answer waited for: a moment later.
        var text = await Eventually.ValueAsync(async () => await ScrapeAsync(portal) is var scraped && ValueOf(scraped, conversion) >= ValueOf(before, conversion) + 1 ? scraped : null,
            "a completed jpeg → webp conversion from the API, counted");

        foreach (var stage in new[] { "validate", "decode", "convert", "encode", "store", "notify" })
        {
            var count = Sample("konvrt_stage_duration_seconds_count", ("stage", stage));
            Assert.True(ValueOf(text, count) >= ValueOf(before, count) + 1, $"the {stage} stage was not timed");
        }
        Assert.True(ValueOf(text, Sample("konvrt_credits_charged_total")) >= ValueOf(before, Sample("konvrt_credits_charged_total")) + 1, "no credit was counted");
        Assert.Matches(Sample("konvrt_workers_busy"), text);
        Assert.Matches(Sample("http_server_request_duration_seconds_count", ("http_route", "/api/v1/convert")), text);
        Assert.Matches(@"(?m)^dotnet_gc_collections_total\{", text);
        // No secret ever reaches a label: not the scrape token, not the caller's key.
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Key, text, StringComparison.Ordinal);
    }

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

    private static async Task<string> ScrapeAsync(PortalFactory portal)
    {
        using var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the first sample <paramref name="sample"/> matches, 0 when there is none yet.</summary>
    private static double ValueOf(string text, string sample) =>
        Regex.Match(text, sample + @" (?<value>[0-9.eE+-]+)") is { Success: true } found
            ? double.Parse(found.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    /// <summary>A line of the metric with at least these labels, in any order among others.</summary>
    private static string Sample(string metric, params (string Name, string Value)[] labels) =>
        @"(?m)^" + Regex.Escape(metric) + @"\{" + string.Concat(labels.Select(label => $@"(?=[^}}]*\b{label.Name}=""{Regex.Escape(label.Value)}"")")) + @"[^}]*\}";
}
