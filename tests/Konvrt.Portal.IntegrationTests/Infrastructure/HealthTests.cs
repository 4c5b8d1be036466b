using System.Net;
using System.Text.Json;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_answers_200_anonymously_while_the_database_answers()
    {
        await using var portal = new PortalFactory();
        using var client = portal.NewClientWithoutRedirects();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_answers_503_when_the_database_no_longer_answers()
    {
        await using var portal = new PortalFactory();
        using var client = portal.NewClientWithoutRedirects();
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgres
                ? "DROP TABLE \"Workspaces\" CASCADE;"
                : "PRAGMA foreign_keys = OFF; DROP TABLE WorkspaceMembers; DROP TABLE Workspaces;");
        }

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        // The process still answers (no restart needed), but it cannot take work.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        var (status, ready) = await ReadyAsync(client);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (status, ready["database"]));
    }

    [Fact]
    public async Task Ready_answers_200_with_each_check_while_the_database_the_storage_and_the_disk_are_fine()
    {
        await using var portal = new PortalFactory();
        using var client = portal.NewClientWithoutRedirects();

        var (status, checks) = await ReadyAsync(client);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new Dictionary<string, string> { ["database"] = "Healthy", ["storage"] = "Healthy", ["disk"] = "Healthy" }, checks);
    }

    [Fact]
    public async Task Ready_answers_503_when_free_disk_is_below_the_minimum_while_live_still_answers_200()
    {
        // A minimum no test machine has free: a terabyte.
        await using var portal = new PortalFactory { Settings = new Dictionary<string, string> { ["Health:MinFreeDiskMb"] = "1000000" } };
        using var client = portal.NewClientWithoutRedirects();

        using var ready = await client.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var disk = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("disk");
        Assert.Equal("Unhealthy", disk.GetProperty("status").GetString());
        Assert.Matches(@"^\d+ MB free, at least 1000000 MB needed$", disk.GetProperty("description").GetString());
        Assert.DoesNotContain(portal.Paths.DataRoot, await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Ready_answers_503_once_the_bucket_the_portal_keeps_its_files_in_stops_answering()
    {
        var s3 = await S3Server.StartAsync("konvrt-health");
        await using var portal = new PortalFactory { Settings = s3.PortalStorage("konvrt-health") };
        using var client = portal.NewClientWithoutRedirects();
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await StorageAsync(client));

        await s3.DisposeAsync();

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await StorageAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
    }

    private static async Task<(HttpStatusCode, string)> StorageAsync(HttpClient client)
    {
        var (status, checks) = await ReadyAsync(client);
        return (status, checks["storage"]);
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/healthz/ready");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, body.GetProperty("checks").EnumerateObject().ToDictionary(check => check.Name, check => check.Value.GetProperty("status").GetString()!));
    }
}
