using System.Globalization;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>
/// One installation that several hosts open in turn or at once, as servers sharing a volume and a database would:
/// one data folder and, on PostgreSQL, one database.
/// </summary>
public sealed class SharedDataFolder : IDisposable
{
    private readonly TestDatabase.Lease? database = TestDatabase.LeaseAsync().GetAwaiter().GetResult();

    public PortalPaths Paths { get; } = new(Path.Combine(Path.GetTempPath(), "konvrt-shared-" + Guid.NewGuid().ToString("N")));

    /// <summary>What points a host (in-process or a <see cref="TestSupport.PortalProcess"/>) at this installation.</summary>
    public IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string>(database?.Settings ?? new Dictionary<string, string>()) { [PortalPaths.ConfigurationKey] = Paths.DataRoot };

    /// <summary><see cref="Settings"/> and <paramref name="more"/>.</summary>
    public Dictionary<string, string> With(IReadOnlyDictionary<string, string> more) =>
        new(Settings.Concat(more).GroupBy(setting => setting.Key).Select(group => group.Last()));

    /// <summary>An in-process host over this installation with <paramref name="workers"/> job workers.</summary>
    public PortalFactory Host(int workers, double pollSeconds = 0.1, double leaseSeconds = 30, Action<IServiceCollection>? replaceServices = null) => new()
    {
        ReplaceServices = replaceServices,
        Settings = With(new Dictionary<string, string>
        {
            ["Jobs:Workers"] = workers.ToString(CultureInfo.InvariantCulture),
            ["Jobs:PollSeconds"] = pollSeconds.ToString(CultureInfo.InvariantCulture),
            ["Jobs:LeaseSeconds"] = leaseSeconds.ToString(CultureInfo.InvariantCulture),
        }),
    };

    /// <summary>The database itself, opened without any host, as another process sharing it sees it.</summary>
    public PortalDbContext OpenDatabase()
    {
        return database is { } postgres
            ? new PostgresPortalDbContext(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(postgres.ConnectionString).Options)
            : new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={Paths.Database};Mode=ReadOnly").Options);
    }

    /// <summary>A job's row, read straight from the database.</summary>
    public async Task<(string Status, string? LeaseOwner, long Attempts)?> ReadJobAsync(Guid jobId)
    {
        await using var db = OpenDatabase();
        var row = await db.Jobs.AsNoTracking().IgnoreAutoIncludes().Where(job => job.Id == jobId)
            .Select(job => new { job.Status, job.LeaseOwner, job.Attempts }).SingleOrDefaultAsync();
        return row is null ? null : (row.Status.ToString().ToLowerInvariant(), row.LeaseOwner, row.Attempts);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        database?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (Directory.Exists(Paths.DataRoot))
        {
            Directory.Delete(Paths.DataRoot, recursive: true);
        }
    }
}
