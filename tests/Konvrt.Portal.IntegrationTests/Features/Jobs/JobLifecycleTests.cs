using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Storage;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;
using static Konvrt.Portal.TestSupport.TestJobs;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

/// <summary>Every finished job is notified through the one path that records it and announces it.</summary>
public sealed class JobLifecycleTests : IDisposable
{
    private readonly SharedDataFolder shared = new();

    public void Dispose() => shared.Dispose();

    [Fact]
    public async Task A_job_whose_upload_is_gone_when_its_turn_comes_fails_as_input_missing_and_is_refunded()
    {
        Guid workspace, jobId;
        await using (var front = shared.Host(workers: 0))
        {
            workspace = await front.CreateWorkspaceAsync();
            var queued = await front.SubmitAsync(workspace, SmallJpeg(40), Options(("format", "webp")));
            jobId = queued.Id;
            Assert.Equal(1, queued.CreditsCharged);
            await front.Services.GetRequiredService<IBlobStore>().DeleteAsync(queued.InputBlob, CancellationToken.None);
        }

        await using var worker = shared.Host(workers: 1);
        var job = await worker.FinishedAsync(jobId);

        Assert.Equal((JobStatus.Failed, "input-missing"), (job.Status, job.ErrorCode));
        Assert.Equal(100, await worker.Services.GetRequiredService<CreditLedger>().BalanceAsync(workspace, CancellationToken.None));
    }

    [Fact]
    public async Task A_straggler_found_by_the_sweep_is_recorded_and_announced_like_any_finished_job()
    {
        await using var host = shared.Host(workers: 0);
        var workspace = await host.CreateWorkspaceAsync();
        var straggler = Job(workspace, "died-before-notify.jpg", DateTimeOffset.UtcNow.AddMinutes(-5), status: JobStatus.Failed);
        // Its host died between failing it and notifying it.
        straggler.NotifiedAt = null;
        await host.SeedAsync(straggler);
        var announced = new TaskCompletionSource<JobChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listening = host.Services.GetRequiredService<JobEvents>().Subscribe((change, _) =>
        {
            if (change.JobId == straggler.Id)
            {
                announced.TrySetResult(change);
            }
            return Task.CompletedTask;
        });

        Assert.Equal(1, await host.Services.GetRequiredService<StragglerNotifier>().SweepAsync(CancellationToken.None));

        Assert.Equal(JobStatus.Failed, (await announced.Task.WaitAsync(TimeSpan.FromSeconds(10))).Status);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.NotNull((await db.Jobs.SingleAsync(job => job.Id == straggler.Id)).NotifiedAt);
    }
}
