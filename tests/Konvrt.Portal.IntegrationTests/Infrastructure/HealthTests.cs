using System.Net;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
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
    }
}
