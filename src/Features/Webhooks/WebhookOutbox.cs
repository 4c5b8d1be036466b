using Konvrt.Portal.Infrastructure.Telemetry;
using System.Text.Json;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Webhooks;

/// <summary>
/// Writes events into the outbox, one message per destination. For jobs it is the Notify stage itself
/// (<see cref="IJobNotifications"/>): the messages commit with the job's notification, or not at all.
/// </summary>
public sealed class WebhookOutbox(
    IDbContextFactory<PortalDbContext> contexts, PortalUrls urls,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock) : IJobNotifications, Billing.ILowBalanceSubscriber
{
    public async Task EnqueueAsync(PortalDbContext db, ConversionJob job, CancellationToken cancellationToken)
    {
        var type = job.Status switch
        {
            JobStatus.Completed => WebhookEventTypes.JobCompleted,
            JobStatus.Failed => WebhookEventTypes.JobFailed,
            _ => null,
        };
        if (type is null)
        {
            return;
        }
        await AddAsync(db, job.WorkspaceId, type, JobData(job), job.WebhookUrl, cancellationToken);
    }

    /// <summary><c>batch.completed</c>: every job of the batch with its outputs, for the endpoints and the batch's own <c>webhookUrl</c>.</summary>
    public Task EnqueueBatchAsync(PortalDbContext db, Batch batch, IReadOnlyList<ConversionJob> jobs, CancellationToken cancellationToken) =>
        AddAsync(db, batch.WorkspaceId, WebhookEventTypes.BatchCompleted, BatchResponse.From(batch, jobs, ApiBase), batch.WebhookUrl, cancellationToken);

    private async Task AddAsync(PortalDbContext db, Guid workspaceId, string type, object data, string? webhookUrl, CancellationToken cancellationToken)
    {
        var endpoints = await db.Set<WebhookEndpoint>().AsNoTracking()
            .Where(e => e.WorkspaceId == workspaceId && e.Enabled).ToListAsync(cancellationToken);
        var payload = Payload(type, data);
        foreach (var endpoint in endpoints.Where(e => e.Receives(type)))
        {
            db.Set<WebhookMessage>().Add(Message(workspaceId, endpoint.Id, endpoint.Url, type, payload));
        }
        if (webhookUrl is { } url)
        {
            db.Set<WebhookMessage>().Add(Message(workspaceId, endpointId: null, url, type, payload));
        }
    }

    /// <summary>Payloads' links start with the portal's public address (<c>Konvrt:PublicUrl</c>), as mails' do.</summary>
    private string ApiBase => urls.Base + ApiKeys.ApiSetup.Version1;

    /// <summary>Adds the <c>credits.low</c> messages to <paramref name="db"/>; they are saved with the caller's changes.</summary>
    public async Task CreditsLowAsync(PortalDbContext db, Guid workspaceId, int balance, int threshold, CancellationToken cancellationToken)
    {
        var endpoints = await db.Set<WebhookEndpoint>().AsNoTracking().Where(e => e.WorkspaceId == workspaceId && e.Enabled).ToListAsync(cancellationToken);
        var payload = Payload(WebhookEventTypes.CreditsLow, new { workspaceId, creditBalance = balance, threshold });
        foreach (var endpoint in endpoints.Where(e => e.Receives(WebhookEventTypes.CreditsLow)))
        {
            db.Set<WebhookMessage>().Add(Message(workspaceId, endpoint.Id, endpoint.Url, WebhookEventTypes.CreditsLow, payload));
        }
    }

    /// <summary>A <c>webhook.test</c> event for one endpoint, whatever its subscriptions; null when there is no such endpoint.</summary>
    public async Task<WebhookMessage?> EnqueueTestAsync(Guid workspaceId, Guid endpointId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == endpointId && e.WorkspaceId == workspaceId, cancellationToken);
        if (endpoint is null)
        {
            return null;
        }
        var message = Message(workspaceId, endpoint.Id, endpoint.Url, WebhookEventTypes.Test,
            Payload(WebhookEventTypes.Test, new { message = "A test event from Konvrt. Your endpoint received and can verify it." }));
        db.Set<WebhookMessage>().Add(message);
        await db.SaveChangesAsync(cancellationToken);
        return message;
    }

    /// <summary>Sends a message once more, with the same <c>webhook-id</c>, at once.</summary>
    public async Task<bool> RedeliverAsync(Guid workspaceId, Guid messageId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One manual try: if it fails, the message is failed again rather than starting the schedule over.
        var lastTry = WebhooksOptions.Schedule.Count - 1;
        return await db.Set<WebhookMessage>()
            .Where(m => m.Id == messageId && m.WorkspaceId == workspaceId && m.Status != WebhookMessageStatus.Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, WebhookMessageStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, clock.GetUtcNow())
                .SetProperty(m => m.Attempts, m => m.Attempts > lastTry ? m.Attempts : lastTry), cancellationToken) == 1;
    }

    /// <summary>
    /// A message waiting between tries is tried at once instead of at its scheduled time; its place in the schedule stays,
    /// so a failure waits as long as it would have. False when it is not waiting (delivered, given up, or never tried).
    /// </summary>
    public async Task<bool> RetryNowAsync(Guid workspaceId, Guid messageId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<WebhookMessage>()
            .Where(m => m.Id == messageId && m.WorkspaceId == workspaceId && m.Status == WebhookMessageStatus.Pending && m.Attempts > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, clock.GetUtcNow()), cancellationToken) == 1;
    }

    /// <summary>The workspace's messages, newest first, for one endpoint or for every one-off URL (null).</summary>
    public async Task<(IReadOnlyList<WebhookMessage> Messages, IReadOnlyList<WebhookAttempt> Attempts)> LogAsync(
        Guid workspaceId, Guid? endpointId, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var messages = await db.Set<WebhookMessage>().AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && m.EndpointId == endpointId)
            .OrderByDescending(m => m.CreatedAt).Take(take).ToListAsync(cancellationToken);
        var ids = messages.Select(m => m.Id).ToList();
        var attempts = await db.Set<WebhookAttempt>().AsNoTracking().Where(a => ids.Contains(a.MessageId))
            .OrderByDescending(a => a.Id).ToListAsync(cancellationToken);
        return (messages, attempts);
    }

    /// <summary>A job as the API shows it, every output with its download URL and storage key, without the polling link.</summary>
    private JobResponse JobData(ConversionJob job) => JobResponse.From(job, ApiBase) with { StatusUrl = null };

    private string Payload(string type, object data) => JsonSerializer.Serialize(new
    {
        id = $"evt_{Guid.NewGuid():N}",
        type,
        createdAt = clock.GetUtcNow(),
        data,
    }, json.Value.SerializerOptions);

    private WebhookMessage Message(Guid workspaceId, Guid? endpointId, string url, string type, string payload) => new()
    {
        WorkspaceId = workspaceId,
        EndpointId = endpointId,
        Url = url,
        EventType = type,
        Payload = payload,
        Status = WebhookMessageStatus.Pending,
        NextAttemptAt = clock.GetUtcNow(),
        CreatedAt = clock.GetUtcNow(),
        TraceParent = KonvrtTracing.CurrentTraceParent,
    };
}
