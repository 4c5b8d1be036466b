using System.Globalization;
using Konvrt.Portal.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>One data folder that several hosts open in turn or at once, as servers sharing a volume would.</summary>
public sealed class SharedDataFolder : IDisposable
{
    public PortalPaths Paths { get; } = new(Path.Combine(Path.GetTempPath(), "konvrt-shared-" + Guid.NewGuid().ToString("N")));

    /// <summary>An in-process host over this folder with <paramref name="workers"/> job workers.</summary>
    public PortalFactory Host(int workers, double pollSeconds = 0.1, double leaseSeconds = 30) => new()
    {
        Settings = new Dictionary<string, string>
        {
            [PortalPaths.ConfigurationKey] = Paths.DataRoot,
            ["Jobs:Workers"] = workers.ToString(CultureInfo.InvariantCulture),
            ["Jobs:PollSeconds"] = pollSeconds.ToString(CultureInfo.InvariantCulture),
            ["Jobs:LeaseSeconds"] = leaseSeconds.ToString(CultureInfo.InvariantCulture),
        },
    };

    /// <summary>A job's row read straight from the SQLite file, as any process sharing the folder sees it.</summary>
    public async Task<(string Status, string? LeaseOwner, long Attempts)?> ReadJobAsync(Guid jobId)
    {
        await using var connection = new SqliteConnection($"Data Source={Paths.Database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT Status, LeaseOwner, Attempts FROM ConversionJobs WHERE Id = $id";
        query.Parameters.AddWithValue("$id", jobId.ToString().ToUpperInvariant());
        await using var row = await query.ExecuteReaderAsync();
        return await row.ReadAsync() ? (row.GetString(0), row.IsDBNull(1) ? null : row.GetString(1), row.GetInt64(2)) : null;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Paths.DataRoot))
        {
            Directory.Delete(Paths.DataRoot, recursive: true);
        }
    }
}
