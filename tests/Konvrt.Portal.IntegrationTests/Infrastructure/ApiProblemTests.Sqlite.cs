using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

/// <summary>SQLite's own way of being busy: a writer that holds the file longer than the busy timeout.</summary>
public sealed partial class ApiProblemTests
{
    [Fact]
    public async Task A_database_locked_longer_than_its_busy_timeout_is_a_503_with_retry_after_and_the_retry_succeeds()
    {
        var data = new PortalPaths(Path.Combine(Path.GetTempPath(), "konvrt-it-" + Guid.NewGuid().ToString("N")));
        await using var portal = new PortalFactory
        {
            Settings = new Dictionary<string, string>
            {
                [PortalPaths.ConfigurationKey] = data.DataRoot,
                // One second of waiting for a writer, instead of thirty.
                ["ConnectionStrings:Portal"] = $"Data Source={data.Database};Default Timeout=1",
            },
        };
        var user = await portal.ApiUserAsync();
        await user.Client.GetAsync("/api/v1/account");

        HttpResponseMessage busy;
        // Not pooled: closing it must end its transaction and let go of the lock.
        await using (var other = new SqliteConnection($"Data Source={data.Database};Pooling=False"))
        {
            await other.OpenAsync();
            await using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            busy = await user.Client.PostAsync("/api/v1/convert", Form(Photo, "photo.jpg", ("maxWidth", "300")));
        }

        await busy.AssertProblemAsync(503, "temporarily-unavailable");
        Assert.True(busy.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await AssertNothingKeptAsync(portal, user.WorkspaceId);
        var retried = await user.Client.PostAsync("/api/v1/convert", Form(Photo, "photo.jpg", ("maxWidth", "300")));
        Assert.Equal(200, (int)retried.StatusCode);
        // The folder goes once the host has stopped: until then its background services keep opening the database.
        await portal.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(data.DataRoot, recursive: true);
    }
}
