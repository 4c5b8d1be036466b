using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure.Storage;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

public sealed class RetentionTests
{
    [Fact]
    public async Task After_the_retention_period_the_sweeper_deletes_the_files_and_keeps_the_job_marked_expired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory
        {
            ReplaceServices = services => services.AddSingleton<TimeProvider>(clock),
        };
        var workspace = await portal.CreateWorkspaceAsync();
        var blobs = portal.Services.GetRequiredService<IBlobStore>();
        var old = await portal.FinishedAsync((await portal.SubmitAsync(workspace, SmallJpeg(10), Options())).Id);
        var cachedCopy = await portal.SubmitAsync(workspace, SmallJpeg(10), Options());
        Assert.True(cachedCopy.Cached);

        clock.Advance(TimeSpan.FromHours(23));
        var recent = await portal.FinishedAsync((await portal.SubmitAsync(workspace, SmallJpeg(200), Options())).Id);
        clock.Advance(TimeSpan.FromHours(1.5));

        // Advancing the clock also ticks the hosted sweeper; an explicit round makes the outcome certain either way.
        await portal.Services.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);

        var jobs = portal.Services.GetRequiredService<JobStore>();
        foreach (var id in new[] { old.Id, cachedCopy.Id })
        {
            var job = await jobs.FindAsync(workspace, id, CancellationToken.None);
            Assert.Equal(JobStatus.Expired, job!.Status);
            Assert.NotNull(job.ExpiredAt);
            Assert.True(job.ExpiredAt >= job.ExpiresAt);
        }
        Assert.False(await blobs.ExistsAsync(old.InputBlob, CancellationToken.None));
        Assert.False(await blobs.ExistsAsync(old.Main.Blob!, CancellationToken.None));
        Assert.Equal(JobStatus.Completed, (await jobs.FindAsync(workspace, recent.Id, CancellationToken.None))!.Status);
        Assert.True(await blobs.ExistsAsync(recent.Main.Blob!, CancellationToken.None));
        var expired = await jobs.FindAsync(workspace, old.Id, CancellationToken.None);
        Assert.Null(await jobs.OpenOutputAsync(expired!, expired!.Main, CancellationToken.None));
    }
}
