using System.Threading.Channels;
using Konvrt.Portal.Features.Accounts.Email;
using Konvrt.Portal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Billing;

/// <summary>
/// Tells a workspace's owners (by e-mail) and its webhooks (<c>credits.low</c>), once per fall, that its credits run low. The charge that crosses the
/// threshold only queues the workspace here; the mail goes after, outside the charge's transaction, and
/// only if the balance is still low (a charge that rolled back sends nothing).
/// </summary>
public sealed class LowBalanceAlerts(
    IDbContextFactory<PortalDbContext> contexts, Webhooks.WebhookOutbox webhooks, OwnerNotices notices,
    IOptions<BillingOptions> billing, ILogger<LowBalanceAlerts> logger) : BackgroundService
{
    /// <summary>The charge queues the workspace before its transaction commits; this lets the commit land first.</summary>
    private static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(1);

    private readonly Channel<Guid> pending = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Queue(Guid workspaceId) => pending.Writer.TryWrite(workspaceId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var workspaceId in pending.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await Task.Delay(SettleDelay, stoppingToken);
                await SendAsync(workspaceId, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not send the low-balance e-mail of workspace {WorkspaceId}", workspaceId);
            }
        }
    }

    private async Task SendAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await db.Set<CreditAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.WorkspaceId == workspaceId, cancellationToken);
        if (account is not { LowBalanceWarned: true } || account.Balance >= billing.Value.LowBalanceCredits)
        {
            return;
        }
        await webhooks.EnqueueCreditsLowAsync(workspaceId, account.Balance, billing.Value.LowBalanceCredits, cancellationToken);
        await notices.SendAsync(workspaceId, $"Your Konvrt credits are running low ({account.Balance} left)",
            $"<p>Your workspace has <strong>{account.Balance}</strong> credits left. Conversions stop when it reaches zero.</p>" +
            "<p>Buy a credit pack on the Billing page of the Konvrt portal to keep converting.</p>", cancellationToken);
    }
}
