using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

/// <summary>A database from before outputs had rows of their own keeps every job's output through the upgrade.</summary>
public sealed class PipelineMigrationTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"konvrt-migration-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    [Fact]
    public async Task Each_job_s_output_and_options_become_its_output_main_and_the_job_reads_back_whole()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
        await using (var db = new PortalDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("Hardening");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO Workspaces (Id, Name, "Plan", IsPersonal, CreatedAt) VALUES ('11111111-1111-1111-1111-111111111111', 'Old', 'pro', 1, 0);
                INSERT INTO ConversionJobs (Id, WorkspaceId, Origin, SourceFileName, InputBlob, InputBytes, InputSha256, OptionsJson, OptionsNormalized,
                    Status, OutputBlob, OutputFormat, OutputWidth, OutputHeight, OutputBytes, CreditsCharged, Cached, CreatedAt, UploadedAt, ExpiresAt,
                    Attempts, AvailableAt, LeaseVersion)
                VALUES ('22222222-2222-2222-2222-222222222222', '11111111-1111-1111-1111-111111111111', 'api', 'shoe.jpg', 'w/inputs/j', 5000, 'abc',
                    {0}, 'format=webp;quality=80;maxWidth=1200', 'completed', 'w/outputs/j.webp', 'webp', 1200, 900, 4000,
                    1, 0, 0, 0, 0, 1, 0, 1);
                """, """{"format":"webp","quality":"80","maxWidth":"1200"}""");
        }

        await using (var db = new PortalDbContext(options))
        {
            await db.Database.MigrateAsync();
            var job = await db.Jobs.AsNoTracking().SingleAsync();

            var main = Assert.Single(job.Outputs);
            Assert.Equal(("main", 0, "w/outputs/j.webp", "webp", 1200, 900, 4000L), (main.Name, main.Index, main.Blob, main.Format, main.Width ?? 0, main.Height ?? 0, main.Bytes ?? 0));
            Assert.Equal(("format=webp;quality=80;maxWidth=1200", 80, 1200), (main.OptionsNormalized, main.Options.Quality ?? 0, main.Options.MaxWidth ?? 0));
            Assert.False(main.Cached);
            Assert.Null(main.StorageKey);
        }
    }
}
