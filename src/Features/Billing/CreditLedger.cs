using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Billing;

/// <summary>
/// Every credit movement of every workspace. A change of balance is a conditional update of
/// <see cref="CreditAccount.Balance"/> and an appended <see cref="CreditEntry"/> in one write transaction
/// (on SQLite, Microsoft.Data.Sqlite begins them IMMEDIATE: writers take turns; on PostgreSQL the update locks the
/// account's row until the commit), so the balance always equals the ledger's sum and never goes below zero,
/// however many requests arrive at once, on however many instances.
/// </summary>
public sealed class CreditLedger(
    IDbContextFactory<PortalDbContext> contexts, IOptions<BillingOptions> options, LowBalanceAlerts alerts, TimeProvider clock, KonvrtMetrics metrics)
    : IJobCharges
{
    public int CostOf(long inputBytes) => options.Value.CostOf(inputBytes);

    public async Task<int> ReserveAsync(PortalDbContext db, IReadOnlyList<JobCharge> charges, CancellationToken cancellationToken)
    {
        if (charges.Count == 0)
        {
            return 0;
        }
        var workspaceId = charges[0].WorkspaceId;
        if (charges.Any(charge => charge.WorkspaceId != workspaceId || charge.Credits < 0))
        {
            throw new ArgumentException("Charges are reserved for one workspace at a time, and are never negative.", nameof(charges));
        }
        await EnsureAccountAsync(db, workspaceId, cancellationToken);
        var total = charges.Sum(charge => charge.Credits);
        // One conditional update for the whole set: all of it is taken, or none.
        var taken = await db.Set<CreditAccount>()
            .Where(account => account.WorkspaceId == workspaceId && account.Balance >= total)
            .ExecuteUpdateAsync(set => set.SetProperty(account => account.Balance, account => account.Balance - total), cancellationToken);
        var balance = await BalanceInAsync(db, workspaceId, cancellationToken);
        if (taken == 0)
        {
            throw new InsufficientCreditsException(total, balance);
        }
        var after = balance + total;
        foreach (var charge in charges.Where(charge => charge.Credits > 0))
        {
            after -= charge.Credits;
            Append(db, workspaceId, CreditEntryKind.Charge, -charge.Credits, after, jobId: charge.JobId, description: "Conversion");
        }
        await WarnIfLowAsync(db, workspaceId, balance, cancellationToken);
        // Counted as taken here, inside the caller's transaction: the rare one rolled back afterwards is counted too.
        metrics.CreditsCharged.Add(total);
        return total;
    }

    public async Task RefundAsync(PortalDbContext db, JobCharge charge, string reason, CancellationToken cancellationToken)
    {
        if (charge.Credits <= 0)
        {
            return;
        }
        await AddAsync(db, charge.WorkspaceId, CreditEntryKind.Refund, charge.Credits, externalRef: null, reason, charge.JobId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        metrics.CreditsRefunded.Add(charge.Credits);
    }

    public async Task<int> BalanceAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        (await BalancesAsync([workspaceId], cancellationToken))[workspaceId];

    /// <summary>Several workspaces' balances at once (the admin console's list).</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> BalancesAsync(IReadOnlyCollection<Guid> workspaceIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var opened = await db.Set<CreditAccount>().Where(account => workspaceIds.Contains(account.WorkspaceId))
            .ToDictionaryAsync(account => account.WorkspaceId, account => account.Balance, cancellationToken);
        // A workspace's account opens with its first charge: until then it has its free credits.
        return workspaceIds.Distinct().ToDictionary(id => id, id => opened.TryGetValue(id, out var balance) ? balance : options.Value.FreeCredits);
    }

    public bool IsLow(int balance) => balance < options.Value.LowBalanceCredits;

    /// <summary>
    /// Adds credits in a transaction of its own. With an <paramref name="externalRef"/>, the same fact
    /// credits once: false when it was already recorded (a repeated webhook, say).
    /// </summary>
    public async Task<bool> CreditAsync(
        Guid workspaceId, CreditEntryKind kind, int credits, string? externalRef, string description, CancellationToken cancellationToken,
        Func<PortalDbContext, Task>? alsoInTransaction = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(credits);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (externalRef is not null && await db.Set<CreditEntry>().AnyAsync(entry => entry.ExternalRef == externalRef, cancellationToken))
        {
            return false;
        }
        await EnsureAccountAsync(db, workspaceId, cancellationToken);
        await AddAsync(db, workspaceId, kind, credits, externalRef, description, jobId: null, cancellationToken);
        if (alsoInTransaction is not null)
        {
            await alsoInTransaction(db);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (externalRef is not null && DatabaseErrors.IsUniqueViolation(exception))
        {
            // The same fact arriving twice at once: the other delivery recorded it; this transaction rolls back whole.
            return false;
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Opens the workspace's account (with its free credits) if it has none yet.</summary>
    public async Task OpenAccountAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EnsureAccountAsync(db, workspaceId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A page of the workspace's ledger, newest first.</summary>
    public async Task<(IReadOnlyList<CreditEntry> Items, int Total)> EntriesAsync(Guid workspaceId, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.Set<CreditEntry>().AsNoTracking().Where(entry => entry.WorkspaceId == workspaceId);
        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderByDescending(entry => entry.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (items, total);
    }

    private async Task AddAsync(
        PortalDbContext db, Guid workspaceId, CreditEntryKind kind, int credits, string? externalRef, string description, Guid? jobId,
        CancellationToken cancellationToken)
    {
        await db.Set<CreditAccount>().Where(account => account.WorkspaceId == workspaceId)
            .ExecuteUpdateAsync(set => set.SetProperty(account => account.Balance, account => account.Balance + credits), cancellationToken);
        var balance = await BalanceInAsync(db, workspaceId, cancellationToken);
        Append(db, workspaceId, kind, credits, balance, jobId, externalRef, description);
        if (balance >= options.Value.LowBalanceCredits)
        {
            await db.Set<CreditAccount>().Where(account => account.WorkspaceId == workspaceId && account.LowBalanceWarned)
                .ExecuteUpdateAsync(set => set.SetProperty(account => account.LowBalanceWarned, false), cancellationToken);
        }
    }

    /// <summary>
    /// A workspace's account appears on its first use, with the free credits as its first entry. Two first uses at
    /// once (on PostgreSQL, where writers do not take turns) open it once: the second finds it opened.
    /// </summary>
    private async Task EnsureAccountAsync(PortalDbContext db, Guid workspaceId, CancellationToken cancellationToken)
    {
        if (await db.Set<CreditAccount>().AnyAsync(account => account.WorkspaceId == workspaceId, cancellationToken))
        {
            return;
        }
        var free = options.Value.FreeCredits;
        var opened = await db.TryInsertAsync(new CreditAccount { WorkspaceId = workspaceId, Balance = free, CreatedAt = clock.GetUtcNow() }, cancellationToken);
        if (opened && free > 0)
        {
            Append(db, workspaceId, CreditEntryKind.Grant, free, free, description: "Free credits for a new workspace");
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private void Append(
        PortalDbContext db, Guid workspaceId, CreditEntryKind kind, int credits, int balanceAfter,
        Guid? jobId = null, string? externalRef = null, string? description = null) =>
        db.Set<CreditEntry>().Add(new CreditEntry
        {
            WorkspaceId = workspaceId,
            Kind = kind,
            Credits = credits,
            BalanceAfter = balanceAfter,
            JobId = jobId,
            ExternalRef = externalRef,
            Description = description,
            CreatedAt = clock.GetUtcNow(),
        });

    private static Task<int> BalanceInAsync(PortalDbContext db, Guid workspaceId, CancellationToken cancellationToken) =>
        db.Set<CreditAccount>().Where(account => account.WorkspaceId == workspaceId)
            .Select(account => account.Balance).SingleAsync(cancellationToken);

    /// <summary>
    /// The first charge that takes the balance under the threshold marks the account and makes its alert due, in
    /// the charge's own transaction: the alert exists exactly when the charge does.
    /// </summary>
    private async Task WarnIfLowAsync(PortalDbContext db, Guid workspaceId, int balance, CancellationToken cancellationToken)
    {
        if (balance >= options.Value.LowBalanceCredits)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var marked = await db.Set<CreditAccount>().Where(account => account.WorkspaceId == workspaceId && !account.LowBalanceWarned)
            .ExecuteUpdateAsync(set => set
                .SetProperty(account => account.LowBalanceWarned, true)
                .SetProperty(account => account.LowBalanceAlertDueAt, now), cancellationToken);
        if (marked == 1)
        {
            alerts.Nudge();
        }
    }
}
