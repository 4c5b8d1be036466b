using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

/// <summary>Job rows (<see cref="Konvrt.Portal.TestSupport.TestJobs"/>) written straight to the database, for tests of what reads them.</summary>
internal static class SeededJobs
{
    public static async Task SeedAsync(this WebApplicationFactory<Program> portal, params ConversionJob[] jobs)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Jobs.AddRange(jobs);
        await db.SaveChangesAsync();
    }
}
