using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Infrastructure.Database;

/// <summary>
/// Every feature asks for <see cref="PortalDbContext"/>; on PostgreSQL it gets the pooled context whose migrations
/// are PostgreSQL's.
/// </summary>
internal sealed class PostgresContexts(IDbContextFactory<PostgresPortalDbContext> postgres) : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() => postgres.CreateDbContext();
}
