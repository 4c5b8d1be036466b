using Konvrt.Portal.Features.Billing;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Infrastructure.Database;

/// <summary>
/// The same model on PostgreSQL. A type of its own so that EF Core keeps its migrations apart from SQLite's
/// (EF Core's way for one model on two providers: a migration belongs to exactly one context type).
/// </summary>
public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // PostgreSQL folds unquoted names to lower case; the columns keep EF Core's names, so SQL written by hand quotes them.
        builder.Entity<CreditAccount>().ToTable(table => table.HasCheckConstraint("CK_CreditAccounts_Balance", "\"Balance\" >= 0"));
    }
}
