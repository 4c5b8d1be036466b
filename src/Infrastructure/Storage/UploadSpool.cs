namespace Konvrt.Portal.Infrastructure.Storage;

/// <summary>
/// Where an upload waits while its request is read (the options may come after the file, and the file's hash
/// decides whether the request is a repeat). Files live under <c>&lt;data&gt;/tmp</c> and delete themselves when
/// closed; what a crash leaves is removed at the next start and by the retention sweep.
/// </summary>
public sealed class UploadSpool(PortalPaths paths, ILogger<UploadSpool> logger)
{
    private const string Suffix = ".part";
    private const int BufferSize = 81920;

    public FileStream Create()
    {
        Directory.CreateDirectory(paths.Temporary);
        var path = Path.Combine(paths.Temporary, $"upload-{Guid.NewGuid():N}{Suffix}");
        return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
    }

    /// <summary>
    /// Removes spool files untouched for <paramref name="olderThan"/>: another host sharing the data folder may
    /// be receiving one right now, and a live upload writes to its file every few seconds.
    /// </summary>
    public int DeleteLeftovers(TimeSpan olderThan)
    {
        if (!Directory.Exists(paths.Temporary))
        {
            return 0;
        }
        // A file's time is the real clock's, whatever TimeProvider the app runs on: its age is measured on that clock.
        var cutoff = TimeProvider.System.GetUtcNow().UtcDateTime - olderThan;
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(paths.Temporary, "*" + Suffix))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoff)
            {
                File.Delete(file);
                deleted++;
            }
        }
        if (deleted > 0)
        {
            logger.LogInformation("Removed {Count} uploads left half-received by an earlier run", deleted);
        }
        return deleted;
    }
}
