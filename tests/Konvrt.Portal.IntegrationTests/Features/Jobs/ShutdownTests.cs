using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Storage;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

public sealed class ShutdownTests : IDisposable
{
    private readonly SharedDataFolder shared = new();

    public void Dispose() => shared.Dispose();

    private PortalFactory Host(int workers) => shared.Host(workers);

    [Fact]
    public async Task A_stop_arriving_right_after_a_claim_still_releases_the_job()
    {
        await using var host = Host(workers: 0);
        var workspace = await host.CreateWorkspaceAsync();
        var jobId = (await host.SubmitAsync(workspace, SmallJpeg(9), Options(("format", "png")))).Id;
        var lease = await host.Services.GetRequiredService<JobLifecycle>().TryClaimNextAsync("test-owner", CancellationToken.None);
        Assert.Equal(jobId, lease?.JobId);
        using var stopAlreadyCame = new CancellationTokenSource();
        await stopAlreadyCame.CancelAsync();

        await host.Services.GetRequiredService<JobProcessor>().ProcessAsync(lease!, stopAlreadyCame.Token);

        var job = (await host.Services.GetRequiredService<JobStore>().FindAsync(workspace, jobId, CancellationToken.None))!;
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal(0, job.Attempts);
        Assert.Null(job.LeaseOwner);
    }

    [Fact]
    public async Task A_job_still_running_when_the_host_must_stop_is_released_to_the_queue_and_finished_by_the_next_host()
    {
        Guid jobId;
        var held = new HeldOutputWrites();
        await using (var stopping = shared.Host(workers: 1, replaceServices: held.Register))
        {
            var workspace = await stopping.CreateWorkspaceAsync();
            var gif = await File.ReadAllBytesAsync(TestImage("anim_rotating_earth_400x400.gif"));
            jobId = (await stopping.SubmitAsync(workspace, gif, Options(("format", "webp"), ("quality", "90")))).Id;
            // The worker has converted and is storing the output, and stays there until the stop comes.
            await held.Reached.WaitAsync(TimeSpan.FromSeconds(60));

            // The host's shutdown deadline has already passed: the running job cannot finish here.
            using var deadlinePassed = new CancellationTokenSource();
            await deadlinePassed.CancelAsync();
            await stopping.Services.GetServices<IHostedService>().OfType<JobWorkers>().Single().StopAsync(deadlinePassed.Token);
        }

        await using var next = Host(workers: 0);
        await using (var scope = next.Services.CreateAsyncScope())
        {
            var released = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Jobs.Single(job => job.Id == jobId);
            Assert.Equal(JobStatus.Queued, released.Status);
            Assert.Equal(0, released.Attempts);
            Assert.Null(released.LeaseOwner);
        }

        await using var worker = Host(workers: 1);
        var finished = await worker.FinishedAsync(jobId, seconds: 120);
        Assert.Equal(JobStatus.Completed, finished.Status);
        Assert.Equal(1, finished.Attempts);
        Assert.Equal(44, (await worker.Services.GetRequiredService<JobStore>().FindAsync(finished.WorkspaceId, jobId, CancellationToken.None))!.InputFrames);
    }

    /// <summary>The real store, except that writing a job's output waits until the job is cancelled: a job caught mid-way.</summary>
    private sealed class HeldOutputWrites
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => reached.Task;

        public void Register(IServiceCollection services) =>
            services.AddSingleton<IBlobStore>(provider => new Store(provider.GetRequiredService<LocalDiskBlobStore>(), reached));

        private sealed class Store(LocalDiskBlobStore inner, TaskCompletionSource reached) : IBlobStore
        {
            public async Task<long> WriteAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
            {
                if (key.Contains("/outputs/", StringComparison.Ordinal))
                {
                    reached.TrySetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                return await inner.WriteAsync(key, write, cancellationToken);
            }

            public Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

            public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

            public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

            public Task<StoreSize> MeasureAsync(int maxObjects, CancellationToken cancellationToken) => inner.MeasureAsync(maxObjects, cancellationToken);

            public Task<Uri?> PresignDownloadAsync(string key, string fileName, string contentType) => inner.PresignDownloadAsync(key, fileName, contentType);
        }
    }
}
