using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Konvrt.Portal.Infrastructure.Database;

/// <summary>Brings the data folder and the database up to date; the web host and the CLI both start here.</summary>
public sealed class PortalDatabase(
    PortalPaths paths, DatabaseOptions database, IDbContextFactory<PortalDbContext> contexts, ILogger<PortalDatabase> logger)
{
    public async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        paths.EnsureCreated();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Made first, or EF Core's first look at an empty PostgreSQL database logs a failed query as an error.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        // EF Core takes a database-wide lock while it migrates: instances starting together apply each migration once.
        await db.Database.MigrateAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the portal's readers run while a job or a webhook writes; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        logger.LogInformation("Data folder {DataRoot} and {Provider} database ready", paths.DataRoot, database.Provider);
    }

    /// <summary>What the database takes on disk: PostgreSQL's own count, or SQLite's pages (the write-ahead log included).</summary>
    public async Task<long> SizeBytesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            return await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(cancellationToken);
        }
        var pages = await db.Database.SqlQueryRaw<long>("SELECT page_count * page_size AS Value FROM pragma_page_count(), pragma_page_size()").SingleAsync(cancellationToken);
        var wal = db.Database.GetDbConnection().DataSource is { Length: > 0 } file && File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0;
        return pages + wal;
    }
}

/// <summary>Runs before Kestrel accepts the first request: hosted services start ahead of the server.</summary>
internal sealed class PortalDatabaseStartup(PortalDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.PrepareAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
