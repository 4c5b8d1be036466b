using System.Security.Cryptography;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure.Storage;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

public sealed class JobPipelineTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private T Service<T>() where T : notnull => portal.Services.GetRequiredService<T>();

    private async Task<byte[]> ReadBlobAsync(string key)
    {
        await using var blob = await Service<IBlobStore>().OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(blob);
        using var copy = new MemoryStream();
        await blob.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task A_submitted_photo_goes_through_every_stage_and_its_output_is_stored()
    {
        var workspace = await portal.CreateWorkspaceAsync();
        var photo = await File.ReadAllBytesAsync(TestImage("photo1_olympus-ep3_4032x3024.jpg"));

        var queued = await portal.SubmitAsync(workspace, photo, Options(("format", "webp"), ("quality", "80"), ("maxWidth", "1200")), "C:\\Users\\me\\Olympus photo.jpg");
        var job = await portal.FinishedAsync(queued.Id);

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal("Olympus photo.jpg", job.SourceFileName);
        Assert.Equal((photo.LongLength, Convert.ToHexStringLower(SHA256.HashData(photo))), (job.InputBytes, job.InputSha256));
        Assert.Equal(("jpeg", 4032, 3024, 1), (job.InputFormat, job.InputWidth, job.InputHeight, job.InputFrames));
        Assert.Equal(("webp", 1200, 900), (job.Main.Format, job.Main.Width, job.Main.Height));
        Assert.Equal(JobOrigin.Api, job.Origin);
        Assert.Equal(1, job.Attempts);
        Assert.False(job.Cached);
        var stages = new[] { job.UploadedAt, job.ValidatedAt, job.ConvertedAt, job.OptimizedAt, job.StoredAt, job.NotifiedAt };
        Assert.All(stages, stage => Assert.NotNull(stage));
        Assert.Equal(stages.Order(), stages);
        var output = await ReadBlobAsync(job.Main.Blob!);
        Assert.Equal(job.Main.Bytes, output.Length);
        Assert.Equal((1200, 900), (Image.Identify(output).Width, Image.Identify(output).Height));
        Assert.StartsWith($"{workspace:N}/outputs/", job.Main.Blob);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_recorded_as_a_failed_job_and_its_upload_not_kept()
    {
        var workspace = await portal.CreateWorkspaceAsync();

        var job = await portal.SubmitAsync(workspace, "just text"u8.ToArray(), Options(), "notes.jpg");

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal("unsupported-format", job.ErrorCode);
        Assert.Contains("not an image format", job.ErrorMessage);
        Assert.Equal(0, job.CreditsCharged);
        Assert.False(await Service<IBlobStore>().ExistsAsync(job.InputBlob, CancellationToken.None));
        var stored = await Service<JobStore>().FindAsync(workspace, job.Id, CancellationToken.None);
        Assert.Equal(JobStatus.Failed, stored!.Status);
        Assert.NotNull(stored.NotifiedAt);
    }

    [Fact]
    public async Task The_same_bytes_with_the_same_options_complete_at_once_from_the_cache_for_free()
    {
        var workspace = await portal.CreateWorkspaceAsync();
        var photo = await File.ReadAllBytesAsync(TestImage("photo3_iphone6_3264x2448.jpg"));
        var first = await portal.FinishedAsync((await portal.SubmitAsync(workspace, photo, Options(("format", "webp"), ("maxWidth", "300")))).Id);

        var again = await portal.SubmitAsync(workspace, photo, Options(("maxwidth", "300"), ("quality", "80"), ("format", "webp")));
        var different = await portal.SubmitAsync(workspace, photo, Options(("format", "webp"), ("maxWidth", "301")));
        var otherWorkspace = await portal.SubmitAsync(await portal.CreateWorkspaceAsync(), photo, Options(("format", "webp"), ("maxWidth", "300")));

        Assert.Equal(JobStatus.Completed, again.Status);
        Assert.True(again.Cached);
        Assert.Equal(first.Id, again.Main.CachedFromJobId);
        Assert.Equal(0, again.CreditsCharged);
        Assert.Equal(first.Main.Blob, again.Main.Blob);
        Assert.Equal((first.Main.Width, first.Main.Height, first.Main.Bytes), (again.Main.Width, again.Main.Height, again.Main.Bytes));
        Assert.False(different.Cached);
        Assert.False(otherWorkspace.Cached);
    }

    [Fact]
    public async Task Fifty_concurrent_submissions_all_complete_each_with_its_own_output()
    {
        var workspace = await portal.CreateWorkspaceAsync();

        var submitted = await Task.WhenAll(Enumerable.Range(0, 50).Select(index =>
            portal.SubmitAsync(workspace, SmallJpeg((byte)index), Options(("format", "png"), ("width", "32")), $"photo-{index}.jpg")));
        var finished = await Task.WhenAll(submitted.Select(job => portal.FinishedAsync(job.Id, seconds: 120)));

        Assert.Equal(50, finished.Select(job => job.Id).Distinct().Count());
        Assert.Equal(50, finished.Select(job => job.InputSha256).Distinct().Count());
        Assert.All(finished, job => Assert.Equal(JobStatus.Completed, job.Status));
        Assert.All(finished, job => Assert.False(job.Cached));
        Assert.Equal(50, finished.Select(job => job.Main.Blob).Distinct().Count());
        foreach (var job in finished)
        {
            Assert.True(await Service<IBlobStore>().ExistsAsync(job.Main.Blob!, CancellationToken.None));
        }
    }

    [Fact]
    public async Task One_workspace_cannot_load_download_or_delete_another_workspaces_job()
    {
        var owner = await portal.CreateWorkspaceAsync("owner");
        var stranger = await portal.CreateWorkspaceAsync("stranger");
        var job = await portal.FinishedAsync((await portal.SubmitAsync(owner, SmallJpeg(7), Options())).Id);
        var jobs = Service<JobStore>();

        Assert.Null(await jobs.FindAsync(stranger, job.Id, CancellationToken.None));
        Assert.False(await jobs.DeleteAsync(stranger, job.Id, CancellationToken.None));

        var owned = await jobs.FindAsync(owner, job.Id, CancellationToken.None);
        Assert.NotNull(owned);
        await using (var output = await jobs.OpenOutputAsync(owned, owned.Main, CancellationToken.None))
        {
            Assert.NotNull(output);
        }
        Assert.True(await jobs.DeleteAsync(owner, job.Id, CancellationToken.None));
        Assert.False(await Service<IBlobStore>().ExistsAsync(job.Main.Blob!, CancellationToken.None));
    }

    [Fact]
    public async Task Taken_completed_and_failed_jobs_raise_events_that_subscribers_receive()
    {
        var workspace = await portal.CreateWorkspaceAsync();
        var seen = new List<JobChanged>();
        using var subscription = Service<JobEvents>().Subscribe((change, _) =>
        {
            lock (seen)
            {
                seen.Add(change);
            }
            return Task.CompletedTask;
        });

        var good = await portal.FinishedAsync((await portal.SubmitAsync(workspace, SmallJpeg(1), Options())).Id);
        var bad = await portal.SubmitAsync(workspace, "<html></html>"u8.ToArray(), Options());

        lock (seen)
        {
            Assert.Contains(new JobChanged(good.Id, workspace, JobStatus.Processing), seen);
            Assert.Contains(new JobChanged(good.Id, workspace, JobStatus.Completed), seen);
            Assert.Contains(new JobChanged(bad.Id, workspace, JobStatus.Failed), seen);
        }
    }

    [Fact]
    public async Task A_synchronous_submission_waits_for_its_job_and_returns_it_completed()
    {
        var workspace = await portal.CreateWorkspaceAsync();

        var job = (await Service<JobQueue>().SubmitAndWaitAsync(
            [new JobSubmission(workspace, new UploadedSource("a.jpg", new MemoryStream(SmallJpeg(4))), JobSubmission.One(Options(("format", "png"))), JobOrigin.Browser)],
            async: false, alongside: null, CancellationToken.None)).Jobs[0];

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal("png", job.Main.Format);
        Assert.Equal(JobOrigin.Browser, job.Origin);
    }

    [Fact]
    public async Task Asked_for_async_a_submission_returns_queued_at_once_and_finishes_later()
    {
        var workspace = await portal.CreateWorkspaceAsync();
        var queue = Service<JobQueue>();

        var job = (await queue.SubmitAndWaitAsync(
            [new JobSubmission(workspace, new UploadedSource("a.jpg", new MemoryStream(SmallJpeg(3))), JobSubmission.One(Options()), JobOrigin.Browser)],
            async: true, alongside: null, CancellationToken.None)).Jobs[0];

        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal(JobStatus.Completed, (await portal.FinishedAsync(job.Id)).Status);
    }
}
