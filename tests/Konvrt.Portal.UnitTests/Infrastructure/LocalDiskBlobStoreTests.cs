using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Konvrt.Portal.UnitTests.Infrastructure;

public sealed class LocalDiskBlobStoreTests : IDisposable
{
    private readonly PortalPaths paths = new(Path.Combine(Path.GetTempPath(), "konvrt-blobs-" + Guid.NewGuid().ToString("N")));
    private readonly LocalDiskBlobStore store;

    public LocalDiskBlobStoreTests() => store = new LocalDiskBlobStore(paths, NullLogger<LocalDiskBlobStore>.Instance);

    public void Dispose()
    {
        if (Directory.Exists(paths.DataRoot))
        {
            Directory.Delete(paths.DataRoot, recursive: true);
        }
    }

    private static Func<Stream, CancellationToken, Task> Writes(byte[] bytes) => (stream, ct) => stream.WriteAsync(bytes, ct).AsTask();

    private IEnumerable<string> AllFiles() =>
        Directory.Exists(paths.Blobs) ? Directory.EnumerateFiles(paths.Blobs, "*", SearchOption.AllDirectories) : [];

    [Fact]
    public async Task A_writer_that_throws_mid_stream_leaves_no_file_at_all_not_even_a_temporary_one()
    {
        var failure = await Assert.ThrowsAsync<IOException>(() => store.WriteAsync("ws/outputs/job.webp", async (stream, ct) =>
        {
            await stream.WriteAsync(new byte[100_000], ct);
            throw new IOException("the network went away");
        }, CancellationToken.None));

        Assert.Equal("the network went away", failure.Message);
        Assert.False(await store.ExistsAsync("ws/outputs/job.webp", CancellationToken.None));
        Assert.Empty(AllFiles());
    }

    [Fact]
    public async Task A_failed_rewrite_leaves_the_earlier_blob_whole()
    {
        await store.WriteAsync("ws/outputs/job.webp", Writes([1, 2, 3]), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync("ws/outputs/job.webp", async (stream, ct) =>
        {
            await stream.WriteAsync(new byte[] { 9, 9 }, ct);
            throw new InvalidOperationException();
        }, CancellationToken.None));

        await using var blob = await store.OpenReadAsync("ws/outputs/job.webp", CancellationToken.None);
        using var copy = new MemoryStream();
        await blob!.Content.CopyToAsync(copy);
        Assert.Equal(new byte[] { 1, 2, 3 }, copy.ToArray());
    }

    [Fact]
    public async Task Reads_give_the_whole_blob_seekable()
    {
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        Assert.Equal(1000, await store.WriteAsync("ws/inputs/job", Writes(bytes), CancellationToken.None));

        await using var whole = await store.OpenReadAsync("ws/inputs/job", CancellationToken.None);
        Assert.True(whole!.Content.CanSeek);
        Assert.Equal(1000, whole.TotalLength);
        using var copy = new MemoryStream();
        await whole.Content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task A_missing_blob_reads_as_null_and_deleting_it_twice_is_fine()
    {
        Assert.Null(await store.OpenReadAsync("ws/none", CancellationToken.None));
        await store.DeleteAsync("ws/none", CancellationToken.None);
        await store.DeleteAsync("ws/none", CancellationToken.None);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("ws/../../etc/passwd")]
    [InlineData("/absolute")]
    [InlineData("ws//double")]
    [InlineData("ws/with space")]
    public async Task Keys_that_could_escape_the_blob_folder_are_refused(string key) =>
        await Assert.ThrowsAsync<ArgumentException>(() => store.ExistsAsync(key, CancellationToken.None));

    [Fact]
    public async Task Start_up_removes_old_unfinished_writes_but_not_one_another_host_is_writing_now()
    {
        await store.WriteAsync("ws/outputs/kept.webp", Writes([1]), CancellationToken.None);
        var folder = Path.Combine(paths.Blobs, "ws", "outputs");
        var crashed = Path.Combine(folder, ".a.webp.1111.tmp");
        var live = Path.Combine(folder, ".b.webp.2222.tmp");
        await File.WriteAllBytesAsync(crashed, [1]);
        await File.WriteAllBytesAsync(live, [1]);
        File.SetLastWriteTimeUtc(crashed, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-30));

        var removed = store.DeleteLeftovers(TimeSpan.FromMinutes(2));

        Assert.Equal(1, removed);
        Assert.False(File.Exists(crashed));
        Assert.True(File.Exists(live));
        Assert.True(await store.ExistsAsync("ws/outputs/kept.webp", CancellationToken.None));
    }
}
