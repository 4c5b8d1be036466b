using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Webhooks;

/// <summary>
/// Sends what the outbox holds when it is due. Messages are claimed with a conditional update, so several
/// hosts over one database never send the same attempt twice; a host that dies mid-attempt leaves a
/// lease that expires, and the message is tried again.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<PortalDbContext> contexts, WebhookDelivery delivery, IOptions<WebhooksOptions> options,
    TimeProvider clock, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int Batch = 16;
    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Sends every message due now; returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (message, ct) => await delivery.AttemptAsync(message, ct));
        return claimed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await SendDueAsync(stoppingToken) == Batch)
                {
                    // A full batch: there may be more due right now.
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Webhook dispatch failed; trying again shortly");
            }
        }
    }

    private async Task<List<WebhookMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var leaseUntil = now + TimeSpan.FromSeconds(options.Value.TimeoutSeconds * 3);
        var due = await db.Set<WebhookMessage>().AsNoTracking()
            .Where(m => m.Status == WebhookMessageStatus.Pending && m.NextAttemptAt <= now && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
            .OrderBy(m => m.NextAttemptAt).Take(Batch).Select(m => m.Id).ToListAsync(cancellationToken);
        var claimed = new List<WebhookMessage>();
        foreach (var id in due)
        {
            var taken = await db.Set<WebhookMessage>()
                .Where(m => m.Id == id && m.Status == WebhookMessageStatus.Pending && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseOwner, owner).SetProperty(m => m.LeaseExpiresAt, leaseUntil), cancellationToken);
            if (taken == 1)
            {
                claimed.Add(await db.Set<WebhookMessage>().AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken));
            }
        }
        return claimed;
    }
}
