using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Infrastructure.Database;

/// <summary>
/// Every feature asks for <see cref="PortalDbContext"/>; on PostgreSQL it gets the context whose migrations are PostgreSQL's.
/// </summary>
internal sealed class PortalDbContextFactory(DbContextOptions<PortalDbContext> options, DatabaseOptions database)
    : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() => database.Provider switch
    {
        DatabaseProvider.Postgres => new PostgresPortalDbContext(options),
        _ => new PortalDbContext(options),
    };
}
