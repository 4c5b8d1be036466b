using System.Security.Cryptography;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Infrastructure.Storage;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>Streams an upload into the blob store, hashing it on the way and stopping at the byte limit.</summary>
internal static class UploadWriter
{
    public sealed record Stored(long Bytes, string Sha256);

    public static async Task<Stored> StoreAsync(IBlobStore blobs, string key, Stream upload, long maxBytes, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var bytes = await blobs.WriteAsync(key, async (file, ct) =>
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await upload.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new ConversionException(ConversionError.InputTooLarge,
                        $"The file is larger than the {maxBytes / (1024 * 1024)} MB this server accepts.");
                }
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }, cancellationToken);
        return new Stored(bytes, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}
