using System.Net;
using System.Net.Http.Json;
using Konvrt.Portal.Features.Webhooks;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Outbound;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;

namespace Konvrt.Portal.IntegrationTests.Features.Webhooks;

/// <summary>Private networks not allowed (the default), a receiver on loopback anyway, and a DNS server that lies.</summary>
public sealed class WithRebindingDns : PortalSetup
{
    public WebhookReceiver Receiver { get; private set; } = default!;

    public override async Task StartAsync() => Receiver = await WebhookReceiver.StartAsync();

    public override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { ["Webhooks:PollSeconds"] = "0.1", ["Webhooks:ScheduleScale"] = "0.001" };

    public override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IHostResolver, RebindingResolver>();

    protected override ValueTask StopAsync() => Receiver.DisposeAsync();
}

/// <summary>With private networks not allowed, no webhook reaches the inside: not when saved, not when sent.</summary>
public sealed class SsrfTests(PortalFactory<WithRebindingDns> fixture) : IClassFixture<PortalFactory<WithRebindingDns>>
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hooks")]
    [InlineData("http://localhost/hooks")]
    [InlineData("http://10.1.2.3/hooks")]
    [InlineData("http://172.20.0.5/hooks")]
    [InlineData("http://192.168.1.10/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://100.64.0.7/hooks")]
    [InlineData("http://0.0.0.0/hooks")]
    [InlineData("http://[::1]/hooks")]
    [InlineData("http://[fd00::1]/hooks")]
    [InlineData("http://[fe80::1]/hooks")]
    [InlineData("http://[::ffff:127.0.0.1]/hooks")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/hooks")]
    [InlineData("ftp://example.com/hooks")]
    [InlineData("http://user:pass@example.com/hooks")]
    public async Task An_endpoint_aimed_inside_or_at_another_scheme_is_refused_when_saved_with_a_clear_message(string url)
    {
        var user = await fixture.ApiUserAsync();

        var response = await user.Client.PostAsJsonAsync("/api/v1/webhooks", new { url, events = new[] { "job.completed" } });

        await response.AssertProblemAsync(400, "invalid-webhook");
        var reason = (await response.JsonAsync()).GetProperty("errors").GetProperty("url")[0].GetString();
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Empty(await fixture.Services.GetRequiredService<WebhookEndpoints>().ListAsync(user.WorkspaceId, CancellationToken.None));
    }

    [Fact]
    public async Task A_conversion_s_webhook_url_aimed_inside_is_refused_before_anything_is_converted()
    {
        var user = await fixture.ApiUserAsync();

        var response = await user.Client.PostAsync("/api/v1/convert", Form(SmallJpeg(70), "a.jpg", ("format", "webp"), ("webhookUrl", "http://169.254.169.254/latest/meta-data/")));

        await response.AssertProblemAsync(400, "invalid-options");
        Assert.Contains("private or local", (await response.JsonAsync()).GetProperty("errors").GetProperty("webhookUrl")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_resolves_public_when_saved_and_to_loopback_when_sent_reaches_nothing()
    {
        var user = await fixture.ApiUserAsync();
        var port = new Uri(fixture.Setup.Receiver.BaseUrl).Port;
        var created = await user.Client.PostAsJsonAsync("/api/v1/webhooks", new { url = $"http://{RebindingResolver.Host}:{port}/rebind", events = new[] { "job.completed" } });
        Assert.Equal(201, (int)created.StatusCode);
        var endpointId = (await created.JsonAsync()).GetProperty("endpoint").GetProperty("id").GetGuid();

        await user.Client.PostAsync("/api/v1/convert", Form(SmallJpeg(71), "b.jpg", ("format", "webp")));

        var attempt = await FirstAttemptAsync(endpointId);
        Assert.False(attempt.Succeeded);
        Assert.Null(attempt.StatusCode);
        Assert.Contains("127.0.0.1: not a public address", attempt.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Setup.Receiver.Received, delivery => delivery.Path == "/rebind");
    }

    private Task<WebhookAttempt> FirstAttemptAsync(Guid endpointId) =>
        Eventually.ValueAsync<WebhookAttempt>(async () =>
        {
            await using var db = await fixture.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            return await db.Set<WebhookAttempt>().Where(a => a.EndpointId == endpointId).OrderBy(a => a.Id).FirstOrDefaultAsync();
        }, "a delivery attempt");
}
