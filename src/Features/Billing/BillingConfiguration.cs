using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Konvrt.Portal.Features.Billing;

internal sealed class CreditEntryConfiguration : IEntityTypeConfiguration<CreditEntry>
{
    public void Configure(EntityTypeBuilder<CreditEntry> entry)
    {
        entry.ToTable("CreditEntries");
        entry.HasOne<Workspace>().WithMany().HasForeignKey(e => e.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        entry.Property(e => e.Kind).HasConversion<LowercaseEnumConverter<CreditEntryKind>>().HasMaxLength(16);
        entry.Property(e => e.ExternalRef).HasMaxLength(255);
        entry.Property(e => e.Description).HasMaxLength(500);
        // Fulfilment and allowances are idempotent on this: the same fact cannot credit twice.
        entry.HasIndex(e => e.ExternalRef).IsUnique();
        entry.HasIndex(e => new { e.WorkspaceId, e.Id });
    }
}

internal sealed class CreditAccountConfiguration : IEntityTypeConfiguration<CreditAccount>
{
    public void Configure(EntityTypeBuilder<CreditAccount> account)
    {
        account.ToTable("CreditAccounts");
        account.HasKey(a => a.WorkspaceId);
        account.HasOne<Workspace>().WithOne().HasForeignKey<CreditAccount>(a => a.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        account.Property(a => a.StripeCustomerId).HasMaxLength(255);
        account.Property(a => a.StripeSubscriptionId).HasMaxLength(255);
        account.HasIndex(a => a.StripeCustomerId);
        account.HasIndex(a => a.LowBalanceAlertDueAt);
        // SQLite cannot be asked for "never below zero" by EF's concurrency tokens; the database itself refuses it.
        account.ToTable(table => table.HasCheckConstraint("CK_CreditAccounts_Balance", "Balance >= 0"));
    }
}

internal sealed class PurchaseConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> purchase)
    {
        purchase.ToTable("Purchases");
        purchase.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        purchase.Property(p => p.Status).HasConversion<LowercaseEnumConverter<PurchaseStatus>>().HasMaxLength(16);
        purchase.Property(p => p.CheckoutSessionId).HasMaxLength(255);
        purchase.Property(p => p.PackKey).HasMaxLength(64);
        purchase.Property(p => p.PackName).HasMaxLength(100);
        purchase.Property(p => p.Currency).HasMaxLength(3);
        purchase.Property(p => p.ReceiptUrl).HasMaxLength(2048);
        purchase.HasIndex(p => p.CheckoutSessionId).IsUnique();
        purchase.HasIndex(p => new { p.WorkspaceId, p.CreatedAt });
    }
}
