using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Infrastructure;

/// <summary>Brings the data folder and the database up to date; the web host and the CLI both start here.</summary>
public sealed class PortalDatabase(PortalPaths paths, IDbContextFactory<PortalDbContext> contexts, ILogger<PortalDatabase> logger)
{
    public async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        paths.EnsureCreated();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets the portal's readers run while a job or a webhook writes; the mode is stored in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        logger.LogInformation("Data folder {DataRoot} ready", paths.DataRoot);
    }
}

/// <summary>Runs before Kestrel accepts the first request: hosted services start ahead of the server.</summary>
internal sealed class PortalDatabaseStartup(PortalDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.PrepareAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
