using System.Threading.Channels;
using Konvrt.Portal.Features.Accounts.Email;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Billing;

/// <summary>
/// Tells a workspace's owners (by e-mail) and its subscribers (webhooks' <c>credits.low</c>), once per fall, that its credits
/// run low. The charge that crosses the threshold records the alert as due in its own transaction
/// (<see cref="CreditAccount.LowBalanceAlertDueAt"/>); this sends what is due, claiming each alert with a lease
/// so that hosts sharing the database send it once, and a host that dies mid-send leaves it to be sent again.
/// </summary>
public sealed class LowBalanceAlerts(
    IDbContextFactory<PortalDbContext> contexts, IEnumerable<ILowBalanceSubscriber> subscribers, OwnerNotices notices,
    IOptions<BillingOptions> billing, PortalUrls urls, TimeProvider clock, ILogger<LowBalanceAlerts> logger) : BackgroundService
{
    /// <summary>A charge's transaction commits after it nudges; the next look finds it at the latest.</summary>
    private static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private const int Batch = 32;

    private readonly Channel<bool> nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    /// <summary>An alert may have become due: look sooner than the next regular look.</summary>
    public void Nudge() => nudges.Writer.TryWrite(true);

    /// <summary>Sends every alert due now; returns how many this host sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await Due(db, now).Select(account => account.WorkspaceId).Take(Batch).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var workspaceId in due)
        {
            var claimedUntil = now + Lease;
            var claimed = await Due(db, now).Where(account => account.WorkspaceId == workspaceId)
                .ExecuteUpdateAsync(set => set.SetProperty(account => account.LowBalanceAlertDueAt, claimedUntil), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }
            try
            {
                sent += await SendAsync(workspaceId, claimedUntil, cancellationToken) ? 1 : 0;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Still due, at the end of the lease: sent again then.
                logger.LogWarning(exception, "Could not send the low-balance alert of workspace {WorkspaceId}", workspaceId);
            }
        }
        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Looking for due low-balance alerts failed; trying again shortly");
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var nudged = nudges.Reader.WaitToReadAsync(wait.Token).AsTask();
            await Task.WhenAny(nudged, Task.Delay(LookEvery, clock, wait.Token));
            await wait.CancelAsync();
            nudges.Reader.TryRead(out _);
        }
    }

    private static IQueryable<CreditAccount> Due(PortalDbContext db, DateTimeOffset now) =>
        db.Set<CreditAccount>().Where(account => account.LowBalanceAlertDueAt != null && account.LowBalanceAlertDueAt <= now);

    /// <summary>Mails the owners, then records the webhook and the alert's end in one transaction.</summary>
    private async Task<bool> SendAsync(Guid workspaceId, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var account = await db.Set<CreditAccount>().AsNoTracking().SingleAsync(a => a.WorkspaceId == workspaceId, cancellationToken);
        var stillLow = account.LowBalanceWarned && account.Balance < billing.Value.LowBalanceCredits;
        if (stillLow)
        {
            await notices.SendAsync(workspaceId, workspace => new PortalMail(
                $"Your Konvrt credits are running low ({account.Balance} left)",
                $"{workspace} has {account.Balance:N0} credits left",
                ["Conversions stop when the balance reaches zero. Buy a credit pack, or move to a plan with monthly credits, to keep converting."],
                new MailLink("Buy credits", urls.To("billing")),
                OwnerNotices.BecauseOwner(workspace, $"its balance fell under {billing.Value.LowBalanceCredits:N0} credits; we write once each time it does"),
                new MailLink("The workspace's billing page", urls.To("billing"))), cancellationToken);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (stillLow)
        {
            foreach (var subscriber in subscribers)
            {
                await subscriber.CreditsLowAsync(db, workspaceId, account.Balance, billing.Value.LowBalanceCredits, cancellationToken);
            }
        }
        await db.Set<CreditAccount>()
            .Where(a => a.WorkspaceId == workspaceId && a.LowBalanceAlertDueAt == claimedUntil)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.LowBalanceAlertDueAt, (DateTimeOffset?)null), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stillLow;
    }
}
