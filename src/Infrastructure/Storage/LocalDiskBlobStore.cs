namespace Konvrt.Portal.Infrastructure.Storage;

/// <summary>
/// Blobs as files under <c>&lt;data&gt;/blobs</c>. A write goes to a temporary file beside its target, is
/// flushed to the disk and renamed into place: on POSIX and NTFS the rename is atomic, so no reader ever
/// sees a partial file, and a crash leaves only a temporary file that start-up removes.
/// </summary>
public sealed class LocalDiskBlobStore(PortalPaths paths, ILogger<LocalDiskBlobStore> logger) : IBlobStore
{
    public const string TemporarySuffix = ".tmp";
    private const int BufferSize = 81920;

    public async Task<long> WriteAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            long length;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                await write(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
                length = file.Length;
            }
            // A writer whose caller gave up commits nothing, however far it got.
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, target, overwrite: true);
            return length;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var file = TryOpen(key);
        return Task.FromResult(file is null ? null : new BlobContent(file, file.Length));
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    public Task<StoreSize> MeasureAsync(int maxObjects, CancellationToken cancellationToken) => Task.Run(() =>
    {
        long bytes = 0, blobs = 0;
        if (!Directory.Exists(paths.Blobs))
        {
            return new StoreSize(0, 0, Complete: true);
        }
        foreach (var file in new DirectoryInfo(paths.Blobs).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            if (blobs >= maxObjects)
            {
                return new StoreSize(bytes, blobs, Complete: false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            bytes += file.Length;
            blobs++;
        }
        return new StoreSize(bytes, blobs, Complete: true);
    }, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        return Task.CompletedTask;
    }

    /// <summary>The portal serves its own files: a path on its disk means nothing to a client.</summary>
    public Task<Uri?> PresignDownloadAsync(string key, string fileName, string contentType) => Task.FromResult<Uri?>(null);

    /// <summary>
    /// Removes temporary files a crash left behind. Only those untouched for <paramref name="olderThan"/>:
    /// another host sharing the data folder may be writing one right now.
    /// </summary>
    public int DeleteLeftovers(TimeSpan olderThan)
    {
        if (!Directory.Exists(paths.Blobs))
        {
            return 0;
        }
        // A file's time is the real clock's, whatever TimeProvider the app runs on: its age is measured on that clock.
        var cutoff = TimeProvider.System.GetUtcNow().UtcDateTime - olderThan;
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(paths.Blobs, "*" + TemporarySuffix, SearchOption.AllDirectories))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoff)
            {
                File.Delete(file);
                deleted++;
            }
        }
        if (deleted > 0)
        {
            logger.LogInformation("Removed {Count} unfinished blob writes left by an earlier run", deleted);
        }
        return deleted;
    }

    private string PathOf(string key) => Path.Combine(paths.Blobs, BlobKey.Validate(key));

    private FileStream? TryOpen(string key)
    {
        try
        {
            return new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}

/// <summary>Startup: clear what an earlier crash left half-written or half-received.</summary>
internal sealed class BlobStoreStartup(LocalDiskBlobStore store, UploadSpool spool) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.DeleteLeftovers(TimeSpan.FromMinutes(2));
        spool.DeleteLeftovers(TimeSpan.FromMinutes(2));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
