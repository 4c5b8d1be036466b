namespace Konvrt.Portal.Features.Conversion.Input;

/// <summary>Copies an upload chunk by chunk and stops the moment it passes the byte limit.</summary>
public static class LimitedCopy
{
    private const int ChunkSize = 81920;

    /// <param name="observe">Sees every chunk as it passes (to hash it on the way, say).</param>
    /// <returns>The number of bytes copied.</returns>
    public static async Task<long> CopyAsync(
        Stream source, Stream destination, long maxBytes, Action<ReadOnlyMemory<byte>>? observe, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkSize];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw ConversionErrors.InputTooLarge(maxBytes);
            }
            var chunk = buffer.AsMemory(0, read);
            observe?.Invoke(chunk);
            await destination.WriteAsync(chunk, cancellationToken);
        }
        return total;
    }
}
