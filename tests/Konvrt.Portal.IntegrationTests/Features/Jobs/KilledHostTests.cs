using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Storage;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

public sealed class KilledHostTests : IDisposable
{
    private readonly SharedDataFolder shared = new();

    public void Dispose() => shared.Dispose();

    private PortalFactory Host(int workers) => shared.Host(workers, pollSeconds: 0.2, leaseSeconds: 2);

    [Fact]
    public async Task A_job_held_by_a_host_that_was_killed_is_completed_exactly_once_by_the_next_host()
    {
        Guid workspace, jobId;
        await using (var front = Host(workers: 0))
        {
            workspace = await front.CreateWorkspaceAsync();
            var heic = await File.ReadAllBytesAsync(TestImage("heic2_iphone13promax_3024x4032.heic"));
            // A slow conversion (full-size AVIF): long enough to kill its host in the middle of it.
            jobId = (await front.SubmitAsync(workspace, heic, Options(("format", "avif"), ("maxWidth", "2400")), "kitchen.heic")).Id;
        }

        await using (var doomed = await PortalProcess.StartAsync(shared.Paths.DataRoot, shared.With(new Dictionary<string, string>
        {
            ["Jobs:Workers"] = "1",
            ["Jobs:LeaseSeconds"] = "2",
            ["Jobs:PollSeconds"] = "0.2",
        })))
        {
            var claim = await WaitForClaimAsync(jobId, TimeSpan.FromSeconds(60));
            Assert.Contains($":{doomed.Id}:", claim.Owner);
            doomed.Kill();
        }
        var left = await shared.ReadJobAsync(jobId);
        Assert.Equal(("processing", 1L), (left?.Status, left?.Attempts));

        await using var survivor = Host(workers: 1);
        var completions = 0;
        using var counting = survivor.Services.GetRequiredService<JobEvents>().Subscribe((change, _) =>
        {
            if (change.JobId == jobId && change.Status == JobStatus.Completed)
            {
                Interlocked.Increment(ref completions);
            }
            return Task.CompletedTask;
        });
        var job = await survivor.FinishedAsync(jobId, seconds: 180);

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(2, job.LeaseVersion);
        Assert.Null(job.LeaseOwner);
        Assert.Equal(1, completions);
        Assert.Equal(("avif", 2400, 3200), (job.Main.Format, job.Main.Width, job.Main.Height));
        Assert.True(await survivor.Services.GetRequiredService<IBlobStore>().ExistsAsync(job.Main.Blob!, CancellationToken.None));
    }

    private async Task<(string Status, string Owner)> WaitForClaimAsync(Guid jobId, TimeSpan timeout) =>
        ("processing", await Eventually.ValueAsync<string>(async () => await shared.ReadJobAsync(jobId) is { Status: "processing", LeaseOwner: { } owner } ? owner : null,
            $"a host to claim job {jobId}", timeout));
}
