using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Konvrt.Portal.Features.Accounts.Email;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Outbound;
using Konvrt.Portal.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Webhooks;

/// <summary>
/// One attempt at one message: signed, sent, logged, and its consequence written down. Only a 2xx
/// delivers; any other status, a redirect (never followed), a refused address or the timeout is a
/// failed attempt, retried on the schedule (later if the receiver asks with Retry-After). 410 Gone
/// disables the endpoint; so does failing for <c>Webhooks:DisableAfterFailingDays</c>, and the owners are told.
/// </summary>
public sealed class WebhookDelivery(
    IDbContextFactory<PortalDbContext> contexts, WebhookHttp http, WebhookEndpoints endpoints, OwnerNotices notices,
    IOptions<WebhooksOptions> options, PortalUrls urls, TimeProvider clock, KonvrtMetrics metrics, ILogger<WebhookDelivery> logger)
{
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromHours(24);

    public async Task AttemptAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        // The trace of what raised the event (a conversion's request) goes on here, whenever the attempt is made.
        using var span = KonvrtTracing.Continue("konvrt.webhook.deliver", message.TraceParent, ActivityKind.Producer)
            ?.SetTag("konvrt.webhook.id", message.WebhookId)
            .SetTag("konvrt.webhook.event", message.EventType)
            .SetTag("konvrt.webhook.attempt", message.Attempts + 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = message.EndpointId is { } endpointId
            ? await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == endpointId, cancellationToken)
            : null;
        if (message.EndpointId is not null && endpoint is not { Enabled: true })
        {
            await FinishAsync(db, message, WebhookMessageStatus.Cancelled, null, cancellationToken);
            return;
        }

        var outcome = await SendAsync(message, endpoint, cancellationToken);
        var delivered = new KeyValuePair<string, object?>("outcome", outcome.Delivered ? "delivered" : "failed");
        metrics.WebhookDeliveries.Add(1, delivered);
        metrics.WebhookDuration.Record(outcome.Duration.TotalSeconds, delivered);
        var now = clock.GetUtcNow();
        db.Set<WebhookAttempt>().Add(new WebhookAttempt
        {
            MessageId = message.Id,
            WorkspaceId = message.WorkspaceId,
            EndpointId = message.EndpointId,
            AttemptedAt = now,
            StatusCode = outcome.StatusCode,
            DurationMs = (int)outcome.Duration.TotalMilliseconds,
            RequestHeaders = outcome.RequestHeaders,
            ResponseHeaders = outcome.ResponseHeaders,
            ResponseExcerpt = outcome.Excerpt,
            Error = outcome.Error,
            Succeeded = outcome.Delivered,
        });
        await db.SaveChangesAsync(cancellationToken);

        if (outcome.Delivered)
        {
            await FinishAsync(db, message, WebhookMessageStatus.Delivered, outcome.StatusCode, cancellationToken);
            if (endpoint is not null)
            {
                await db.Set<WebhookEndpoint>().Where(e => e.Id == endpoint.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(e => e.FailingSince, (DateTimeOffset?)null), cancellationToken);
            }
            return;
        }
        if (outcome.StatusCode == (int)HttpStatusCode.Gone && endpoint is not null)
        {
            await FinishAsync(db, message, WebhookMessageStatus.Cancelled, outcome.StatusCode, cancellationToken);
            await DisableAsync(db, endpoint, "The receiver answered 410 Gone: it no longer wants these events.", tellOwners: false, cancellationToken);
            return;
        }

        var attempts = message.Attempts + 1;
        if (attempts >= WebhooksOptions.Schedule.Count)
        {
            await FinishAsync(db, message, WebhookMessageStatus.Failed, outcome.StatusCode, cancellationToken, attempts);
        }
        else
        {
            var wait = Jittered(WebhooksOptions.Schedule[attempts] * options.Value.ScheduleScale);
            if (outcome.RetryAfter is { } asked && asked > wait)
            {
                wait = asked < LongestRetryAfter ? asked : LongestRetryAfter;
            }
            await db.Set<WebhookMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastStatusCode, outcome.StatusCode)
                .SetProperty(m => m.NextAttemptAt, now + wait)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        }
        if (endpoint is not null)
        {
            await NoteFailureAsync(db, endpoint, now, cancellationToken);
        }
    }

    private sealed record Outcome(bool Delivered, int? StatusCode, TimeSpan Duration, string? Excerpt, string? Error, TimeSpan? RetryAfter,
        string? RequestHeaders = null, string? ResponseHeaders = null);

    private async Task<Outcome> SendAsync(WebhookMessage message, WebhookEndpoint? endpoint, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var secrets = await endpoints.SigningSecretsAsync(message, endpoint, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url)
        {
            Content = new StringContent(message.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSigning.IdHeader, message.WebhookId);
        request.Headers.Add(WebhookSigning.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSigning.SignatureHeader, WebhookSigning.Sign(message.WebhookId, timestamp, message.Payload, secrets));
        // traceparent put in here rather than by HttpClient on its way out, so the delivery log shows it as it was sent.
        DistributedContextPropagator.Current.Inject(Activity.Current, request.Headers,
            static (headers, name, value) => ((HttpRequestHeaders)headers!).TryAddWithoutValidation(name, value));

        var sent = HeaderLog.Of(http.Client.DefaultRequestHeaders, request.Headers, request.Content.Headers);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var excerpt = await ExcerptAsync(response, cancellationToken);
            var code = (int)response.StatusCode;
            return new Outcome(code is >= 200 and < 300, code, watch.Elapsed, excerpt,
                code is >= 300 and < 400 ? $"Redirect to {response.Headers.Location} not followed." : null, RetryAfterOf(response),
                sent, HeaderLog.Of(response.Headers, response.Content.Headers));
        }
        catch (HttpRequestException exception) when (OutboundAddressRefusedException.FoundIn(exception) is { } refused)
        {
            return new Outcome(false, null, watch.Elapsed, null, refused.Message, null, sent);
        }
        catch (HttpRequestException exception)
        {
            return new Outcome(false, null, watch.Elapsed, null, Short(exception.Message), null, sent);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(false, null, watch.Elapsed, null, $"No answer within {options.Value.TimeoutSeconds} seconds.", null, sent);
        }
    }

    /// <summary>At most 4 KB of the body: enough to see what went wrong, never a receiver's whole page.</summary>
    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[WebhooksOptions.MaxResponseExcerptBytes];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += chunk;
        }
        if (read == 0)
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        // A multi-byte character cut at the limit decodes as U+FFFD; the column holds 4,096 characters at most.
        return text.Length > WebhooksOptions.MaxResponseExcerptBytes ? text[..WebhooksOptions.MaxResponseExcerptBytes] : text;
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow(),
        _ => null,
    };

    private static TimeSpan Jittered(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? TimeSpan.Zero : wait * (0.8 + (0.4 * Random.Shared.NextDouble()));

    private static string Short(string text) => text.Length <= 500 ? text : text[..500];

    private async Task FinishAsync(PortalDbContext db, WebhookMessage message, WebhookMessageStatus status, int? statusCode, CancellationToken cancellationToken, int? attempts = null)
    {
        var now = clock.GetUtcNow();
        await db.Set<WebhookMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.Attempts, m => attempts ?? (status == WebhookMessageStatus.Cancelled ? m.Attempts : m.Attempts + 1))
            .SetProperty(m => m.LastStatusCode, m => statusCode ?? m.LastStatusCode)
            .SetProperty(m => m.DeliveredAt, m => status == WebhookMessageStatus.Delivered ? now : m.DeliveredAt)
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }

    private async Task NoteFailureAsync(PortalDbContext db, WebhookEndpoint endpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var failingSince = endpoint.FailingSince ?? now;
        if (endpoint.FailingSince is null)
        {
            await db.Set<WebhookEndpoint>().Where(e => e.Id == endpoint.Id && e.FailingSince == null)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.FailingSince, now), cancellationToken);
        }
        if (now - failingSince >= TimeSpan.FromDays(options.Value.DisableAfterFailingDays))
        {
            await DisableAsync(db, endpoint, $"Every delivery failed for {options.Value.DisableAfterFailingDays} days.", tellOwners: true, cancellationToken);
        }
    }

    private async Task DisableAsync(PortalDbContext db, WebhookEndpoint endpoint, string reason, bool tellOwners, CancellationToken cancellationToken)
    {
        var disabled = await db.Set<WebhookEndpoint>().Where(e => e.Id == endpoint.Id && e.Enabled)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Enabled, false).SetProperty(e => e.DisabledReason, reason), cancellationToken) == 1;
        await db.Set<WebhookMessage>().Where(m => m.EndpointId == endpoint.Id && m.Status == WebhookMessageStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, WebhookMessageStatus.Cancelled), cancellationToken);
        if (!disabled)
        {
            return;
        }
        logger.LogWarning("Disabled webhook endpoint {EndpointId}: {Reason}", endpoint.Id, reason);
        if (tellOwners)
        {
            await notices.SendAsync(endpoint.WorkspaceId, workspace => new PortalMail(
                "A Konvrt webhook endpoint was disabled",
                "A webhook endpoint was disabled",
                [$"Konvrt stopped sending events to {endpoint.Url}. {reason}",
                 "Fix the receiver, then enable the endpoint again. Its delivery log shows every attempt with the answer it got."],
                new MailLink("Open the delivery log", urls.To($"webhooks/{endpoint.Id}")),
                OwnerNotices.BecauseOwner(workspace, "one of its webhook endpoints was disabled"),
                new MailLink("The workspace's webhooks", urls.To("webhooks"))), cancellationToken);
        }
    }
}
