using Microsoft.Data.Sqlite;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

public sealed partial class PortalBasicsTests
{
    [Fact]
    public async Task The_database_is_a_migrated_sqlite_file_in_wal_mode_inside_the_data_folder()
    {
        _ = portal.Services;

        await using var connection = new SqliteConnection($"Data Source={portal.Paths.Database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await journal.ExecuteScalarAsync());
        await using var migrations = connection.CreateCommand();
        migrations.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory;";
        Assert.True((long)(await migrations.ExecuteScalarAsync())! >= 1);
    }
}
