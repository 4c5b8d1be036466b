using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Billing;

/// <summary>What the Billing pages read: purchases and the state of one Checkout, within one workspace.</summary>
public sealed class BillingHistory(IDbContextFactory<PortalDbContext> contexts)
{
    public async Task<(IReadOnlyList<Purchase> Items, int Total)> PurchasesAsync(Guid workspaceId, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var purchases = db.Set<Purchase>().AsNoTracking().Where(p => p.WorkspaceId == workspaceId && p.Status != PurchaseStatus.Pending);
        var total = await purchases.CountAsync(cancellationToken);
        var items = await purchases.OrderByDescending(p => p.CreatedAt).Skip(Math.Max(0, page) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<Purchase?> PurchaseAsync(Guid workspaceId, string checkoutSessionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<Purchase>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.WorkspaceId == workspaceId && p.CheckoutSessionId == checkoutSessionId, cancellationToken);
    }

    public async Task<CreditAccount?> AccountAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<CreditAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.WorkspaceId == workspaceId, cancellationToken);
    }
}
