using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.ComponentTests.Features.Jobs;

/// <summary>Job rows (<see cref="Konvrt.Portal.TestSupport.TestJobs"/>) for pages to show, written straight to the test's SQLite file.</summary>
internal static class ComponentJobs
{
    public static void Seed(this IDbContextFactory<PortalDbContext> contexts, params ConversionJob[] jobs)
    {
        using var db = contexts.CreateDbContext();
        db.Jobs.AddRange(jobs);
        db.SaveChanges();
    }
}
