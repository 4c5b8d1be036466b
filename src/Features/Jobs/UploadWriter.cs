using System.Security.Cryptography;
using Konvrt.Portal.Features.Conversion.Input;
using Konvrt.Portal.Infrastructure.Storage;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>Streams an upload into the blob store, hashing it on the way and stopping at the byte limit.</summary>
public static class UploadWriter
{
    public sealed record Stored(long Bytes, string Sha256);

    public static async Task<Stored> StoreAsync(IBlobStore blobs, string key, Stream upload, long maxBytes, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var bytes = await blobs.WriteAsync(key,
            (file, ct) => LimitedCopy.CopyAsync(upload, file, maxBytes, chunk => sha.AppendData(chunk.Span), ct),
            cancellationToken);
        return new Stored(bytes, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}
