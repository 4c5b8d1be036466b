using System.Net.Http.Json;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Konvrt.Portal.Features.Webhooks;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Telemetry;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Konvrt.Portal.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;

namespace Konvrt.Portal.IntegrationTests.Features.Webhooks;

/// <summary>Deliveries over real HTTP to a receiver on loopback (private networks allowed in this configuration).</summary>
public sealed class WebhookDeliveryTests(PortalFactory<WithWebhookReceiver> fixture) : IClassFixture<PortalFactory<WithWebhookReceiver>>
{
    private PortalFactory<WithWebhookReceiver> Portal => fixture;
    private WebhookReceiver Receiver => fixture.Setup.Receiver;

    private async Task<(ApiUser User, Guid EndpointId, string Secret)> EndpointAsync(string path, params string[] events)
    {
        var user = await Portal.ApiUserAsync();
        var created = await user.Client.PostAsJsonAsync("/api/v1/webhooks", new { url = Receiver.Url(path), description = "tests", events = events.Length > 0 ? events : null });
        Assert.Equal(201, (int)created.StatusCode);
        var body = await created.JsonAsync();
        return (user, body.GetProperty("endpoint").GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    private static void AssertSigned(WebhookReceiver.Delivery delivery, params string[] secrets)
    {
        var id = delivery.Headers["webhook-id"];
        var timestamp = long.Parse(delivery.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, -5, 300);
        var signatures = delivery.Headers["webhook-signature"].Split(' ');
        Assert.Equal(secrets.Select(secret => "v1," + WebhookSigning.Signature(id, timestamp, delivery.Body, secret)), signatures);
    }

    private async Task<IReadOnlyList<WebhookAttempt>> AttemptsAsync(Guid endpointId)
    {
        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Set<WebhookAttempt>().Where(a => a.EndpointId == endpointId).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task A_completed_conversion_is_delivered_signed_with_the_endpoint_s_secret_and_the_documented_payload()
    {
        var (user, _, secret) = await EndpointAsync("/completed");

        var converted = await (await user.Client.PostAsync("/api/v1/convert", Form(SmallJpeg(60), "shoe.jpg", ("format", "webp")))).JsonAsync();

        var delivery = Assert.Single(await Receiver.WaitForAsync(1, d => d.Path == "/completed"));
        AssertSigned(delivery, secret);
        Assert.StartsWith("msg_", delivery.Headers["webhook-id"], StringComparison.Ordinal);
        var payload = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.StartsWith("evt_", payload.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("job.completed", payload.GetProperty("type").GetString());
        Assert.True(payload.TryGetProperty("createdAt", out _));
        var data = payload.GetProperty("data");
        var jobId = converted.GetProperty("jobId").GetGuid();
        Assert.Equal((jobId, "completed"), (data.GetProperty("jobId").GetGuid(), data.GetProperty("status").GetString()));
        Assert.Equal($"https://konvrt.example/api/v1/download/{jobId}", data.GetProperty("downloadUrl").GetString());
        Assert.Equal("shoe.jpg", data.GetProperty("input").GetProperty("fileName").GetString());
        Assert.Equal("webp", data.GetProperty("output").GetProperty("format").GetString());
    }

    [Fact]
    public async Task A_failing_receiver_gets_retries_with_the_same_webhook_id_until_it_answers_2xx()
    {
        var (user, endpointId, secret) = await EndpointAsync("/flaky", "job.failed");
        Receiver.AnswerWith(500, 503);
        // This host's instruments only: other tests' hosts in the process have meters of the same name.
        var meters = Portal.Services.GetRequiredService<IMeterFactory>();
        using var counted = new MetricCollector<long>(meters, KonvrtMetrics.MeterName, "konvrt.webhook.deliveries");
        using var timed = new MetricCollector<double>(meters, KonvrtMetrics.MeterName, "konvrt.webhook.duration");

        await user.Client.PostAsync("/api/v1/convert", Form("not an image"u8.ToArray(), "notes.txt", ("format", "webp")));

        var deliveries = await Receiver.WaitForAsync(3, d => d.Path == "/flaky");
        Assert.Single(deliveries.Select(d => d.Headers["webhook-id"]).Distinct());
        Assert.All(deliveries, delivery => AssertSigned(delivery, secret));
        Assert.Equal("job.failed", JsonDocument.Parse(deliveries[0].Body).RootElement.GetProperty("type").GetString());
        await WaitUntilAsync(async () => (await AttemptsAsync(endpointId)).Count == 3);
        var attempts = await AttemptsAsync(endpointId);
        Assert.Equal([(500, false), (503, false), (200, true)], attempts.Select(a => (a.StatusCode ?? 0, a.Succeeded)));
        Assert.Equal("answered 500", attempts[0].ResponseExcerpt);
        // The log keeps each attempt's request headers exactly as the receiver got them, and the response's.
        Assert.All(deliveries.Zip(attempts), pair =>
        {
            var (delivery, attempt) = pair;
            var sent = HeaderLog.Lines(attempt.RequestHeaders).ToDictionary(line => line.Name, line => line.Value);
            foreach (var name in new[] { "webhook-id", "webhook-timestamp", "webhook-signature", "traceparent" })
            {
                Assert.Equal(delivery.Headers[name], sent[name]);
            }
            Assert.StartsWith("application/json", sent["content-type"], StringComparison.Ordinal);
            Assert.Contains(("server", "Kestrel"), HeaderLog.Lines(attempt.ResponseHeaders));
        });
        // The metrics count both kinds of attempt, with how long the receiver took (other tests here may add theirs).
        Assert.True(counted.GetMeasurementSnapshot().Count(m => Equals(m.Tags["outcome"], "failed")) >= 2, "the failed attempts were not counted");
        Assert.Contains(counted.GetMeasurementSnapshot(), m => Equals(m.Tags["outcome"], "delivered"));
        Assert.All(timed.GetMeasurementSnapshot(), m => Assert.InRange(m.Value, 0, 30));
        Assert.True(timed.GetMeasurementSnapshot().Count(m => Equals(m.Tags["outcome"], "failed")) >= 2, "the failed attempts were not timed");
    }

    [Fact]
    public async Task A_410_answer_disables_the_endpoint_and_nothing_more_is_sent_to_it()
    {
        var (user, endpointId, _) = await EndpointAsync("/gone");
        Receiver.AnswerWith(410);

        await user.Client.PostAsync("/api/v1/convert", Form(SmallJpeg(61), "a.jpg", ("format", "webp")));
        await Receiver.WaitForAsync(1, d => d.Path == "/gone");
        await WaitUntilAsync(async () => !(await EndpointOf(user, endpointId)).GetProperty("enabled").GetBoolean());

        var endpoint = await EndpointOf(user, endpointId);
        Assert.Contains("410", endpoint.GetProperty("disabledReason").GetString(), StringComparison.Ordinal);
        var second = await (await user.Client.PostAsync("/api/v1/convert", Form(SmallJpeg(62), "b.jpg", ("format", "webp")))).JsonAsync();
        // The answer comes after the job was notified, and a notification writes its messages in the same
        // transaction: none for the disabled endpoint now means none ever.
        Assert.Equal("completed", second.GetProperty("status").GetString());
        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Set<WebhookMessage>().CountAsync(message => message.EndpointId == endpointId));
        Assert.Single(Receiver.Received, d => d.Path == "/gone");
    }

    [Fact]
    public async Task A_redirect_is_never_followed_and_counts_as_a_failed_attempt()
    {
        var (user, endpointId, _) = await EndpointAsync("/moved", "job.completed");
        Receiver.AnswerWith(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = Receiver.Url("/redirect-target");
            return Task.CompletedTask;
        });

        await user.Client.PostAsync("/api/v1/convert", Form(SmallJpeg(63), "c.jpg", ("format", "webp")));

        await Receiver.WaitForAsync(2, d => d.Path == "/moved");
        Assert.DoesNotContain(Receiver.Received, d => d.Path == "/redirect-target");
        var first = (await AttemptsAsync(endpointId))[0];
        Assert.Equal((302, false), (first.StatusCode, first.Succeeded));
        Assert.Contains("not followed", first.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversion_s_own_webhook_url_is_signed_with_the_workspace_s_default_secret()
    {
        var user = await Portal.ApiUserAsync();

        await user.Client.PostAsync("/api/v1/convert", Form(SmallJpeg(64), "d.jpg", ("format", "webp"), ("webhookUrl", Receiver.Url("/one-off"))));

        var delivery = Assert.Single(await Receiver.WaitForAsync(1, d => d.Path == "/one-off"));
        var secret = await Portal.Services.GetRequiredService<WebhookEndpoints>().DefaultSecretAsync(user.WorkspaceId, CancellationToken.None);
        AssertSigned(delivery, secret);
    }

    [Fact]
    public async Task After_a_rotation_both_secrets_sign_for_a_day()
    {
        var (user, endpointId, oldSecret) = await EndpointAsync("/rotated", "job.completed");
        var rotated = await (await user.Client.PostAsync($"/api/v1/webhooks/{endpointId}/rotate-secret", null)).JsonAsync();
        var newSecret = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        var expires = rotated.GetProperty("endpoint").GetProperty("previousSecretExpiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));

        await user.Client.PostAsync("/api/v1/convert", Form(SmallJpeg(65), "e.jpg", ("format", "webp")));

        AssertSigned(Assert.Single(await Receiver.WaitForAsync(1, d => d.Path == "/rotated")), newSecret, oldSecret);
    }

    [Fact]
    public async Task Send_test_event_and_redeliver_reach_the_receiver_and_show_in_the_log()
    {
        var (user, endpointId, secret) = await EndpointAsync("/tested", "credits.low");
        var outbox = Portal.Services.GetRequiredService<WebhookOutbox>();

        var test = await outbox.EnqueueTestAsync(user.WorkspaceId, endpointId, CancellationToken.None);
        var first = Assert.Single(await Receiver.WaitForAsync(1, d => d.Path == "/tested"));
        AssertSigned(first, secret);
        Assert.Equal("webhook.test", JsonDocument.Parse(first.Body).RootElement.GetProperty("type").GetString());

        await WaitUntilAsync(async () => (await AttemptsAsync(endpointId)).Count == 1);
        Assert.True(await outbox.RedeliverAsync(user.WorkspaceId, test!.Id, CancellationToken.None));
        var both = await Receiver.WaitForAsync(2, d => d.Path == "/tested");
        Assert.Equal(both[0].Headers["webhook-id"], both[1].Headers["webhook-id"]);
        var (messages, attempts) = await outbox.LogAsync(user.WorkspaceId, endpointId, 10, CancellationToken.None);
        Assert.Single(messages);
        await WaitUntilAsync(async () => (await AttemptsAsync(endpointId)).Count == 2);
    }

    [Fact]
    public async Task An_endpoint_failing_for_five_days_is_disabled_and_its_owner_told_by_mail()
    {
        var (user, endpointId, _) = await EndpointAsync("/long-broken", "job.completed");
        await using (var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.Set<WebhookEndpoint>().Where(e => e.Id == endpointId)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.FailingSince, DateTimeOffset.UtcNow.AddDays(-5).AddMinutes(-1)));
        }
        Receiver.AnswerWith(500);

        await user.Client.PostAsync("/api/v1/convert", Form(SmallJpeg(66), "f.jpg", ("format", "webp")));

        await WaitUntilAsync(async () => !(await EndpointOf(user, endpointId)).GetProperty("enabled").GetBoolean());
        Assert.Contains("5 days", (await EndpointOf(user, endpointId)).GetProperty("disabledReason").GetString(), StringComparison.Ordinal);
        var owner = Assert.Single(await Portal.Services.GetRequiredService<Konvrt.Portal.Features.Workspaces.WorkspaceDirectory>().OwnerEmailsAsync(user.WorkspaceId));
        var mail = await MailPickup.LatestToAsync(Portal.Paths, owner);
        Assert.Equal("A Konvrt webhook endpoint was disabled", mail.Subject);
        Assert.Contains(Receiver.Url("/long-broken"), mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(Receiver.Url("/long-broken"), mail.TextBody, StringComparison.Ordinal);
        MailPickup.AssertExplained(mail, "you own the Konvrt workspace", "webhooks");
        Assert.Equal($"https://konvrt.example/webhooks/{endpointId}", MailPickup.FirstLink(mail));
    }

    [Fact]
    public async Task Retry_after_is_honoured_and_only_4_kb_of_a_response_is_kept()
    {
        var (user, endpointId, _) = await EndpointAsync("/busy", "job.completed");
        Receiver.AnswerWith(async context =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "2";
            await context.Response.WriteAsync(new string('x', 10_000));
        });

        await user.Client.PostAsync("/api/v1/convert", Form(SmallJpeg(67), "g.jpg", ("format", "webp")));

        await Receiver.WaitForAsync(2, d => d.Path == "/busy");
        await WaitUntilAsync(async () => (await AttemptsAsync(endpointId)).Count == 2);
        var attempts = await AttemptsAsync(endpointId);
        // The schedule alone would have retried after 5 ms here; the receiver asked for 2 s.
        Assert.True(attempts[1].AttemptedAt - attempts[0].AttemptedAt >= TimeSpan.FromSeconds(1.9),
            $"retried after {(attempts[1].AttemptedAt - attempts[0].AttemptedAt).TotalMilliseconds} ms");
        Assert.Equal(4096, attempts[0].ResponseExcerpt?.Length);
    }

    private static async Task<JsonElement> EndpointOf(ApiUser user, Guid endpointId) =>
        await (await user.Client.GetAsync($"/api/v1/webhooks/{endpointId}")).JsonAsync();

    private static Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 20) =>
        Eventually.TrueAsync(condition, "the deliveries to settle", TimeSpan.FromSeconds(seconds));
}
