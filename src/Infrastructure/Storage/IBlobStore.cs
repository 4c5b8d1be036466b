namespace Konvrt.Portal.Infrastructure.Storage;

/// <summary>
/// Where uploads and outputs live. Keys are relative paths such as <c>{workspace}/outputs/{job}.webp</c>.
/// <c>Storage:Provider</c> picks the local disk (<see cref="LocalDiskBlobStore"/>) or one S3-compatible bucket
/// (<see cref="S3BlobStore"/>): everything here maps to PUT (atomic by nature), GET, HEAD and DELETE. Ranges are
/// the web server's job: it serves them from the stream <see cref="OpenReadAsync"/> gives.
/// </summary>
public interface IBlobStore
{
    /// <summary>
    /// Writes a blob atomically: readers see the whole of it or nothing, and a writer that fails part-way
    /// leaves nothing behind. Returns the number of bytes written.
    /// </summary>
    Task<long> WriteAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken);

    /// <summary>The whole blob, or null when it does not exist. Seekable where the store allows it.</summary>
    Task<BlobContent?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the blob; deleting one that is already gone is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Where a client can fetch the blob itself for a short while (a presigned URL), saving the portal the bytes;
    /// null when downloads stream through the portal.
    /// </summary>
    Task<Uri?> PresignDownloadAsync(string key, string fileName, string contentType);

    /// <summary>
    /// What the store holds, counted by listing it (the admin console's figure): up to about <paramref name="maxObjects"/>
    /// blobs, a bucket's listing being a request per thousand; <see cref="StoreSize.Complete"/> says whether it got to the end.
    /// </summary>
    Task<StoreSize> MeasureAsync(int maxObjects, CancellationToken cancellationToken);
}

/// <summary>The bytes and blobs a store holds; when not <paramref name="Complete"/>, at least that much.</summary>
public sealed record StoreSize(long Bytes, long Blobs, bool Complete);

/// <param name="TotalLength">The length of the blob.</param>
public sealed record BlobContent(Stream Content, long TotalLength) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
