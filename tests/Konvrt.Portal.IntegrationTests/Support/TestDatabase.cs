using System.Reflection;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.TestSupport;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>
/// Which database this assembly's hosts run on. The same tests build twice: Konvrt.Portal.IntegrationTests on
/// SQLite, Konvrt.Portal.IntegrationTests.Postgres (its project says <c>KonvrtTestDatabase=Postgres</c>) on a
/// database of its own per host in the run's PostgreSQL cluster.
/// </summary>
public static class TestDatabase
{
    public static DatabaseProvider Provider { get; } =
        typeof(TestDatabase).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(metadata => metadata.Key == "KonvrtTestDatabase")?.Value is "Postgres"
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>A fresh PostgreSQL database and the settings that point a host at it; SQLite needs none (the data folder holds it).</summary>
    public static async Task<Lease?> LeaseAsync()
    {
        if (!IsPostgres)
        {
            return null;
        }
        var server = await PostgresServer.Shared;
        return new Lease(server, await server.CreateDatabaseAsync());
    }

    public sealed class Lease(PostgresServer server, string name) : IAsyncDisposable
    {
        public string ConnectionString => server.ConnectionString(name);

        public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            [$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] = nameof(DatabaseProvider.Postgres),
            [$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = ConnectionString,
        };

        public ValueTask DisposeAsync() => new(server.DropDatabaseAsync(name));
    }
}
