namespace Konvrt.Portal.Features.Conversion.Input;

/// <summary>
/// The upload as a stream that can be read twice (identify, then decode) and is known to be within the
/// byte limit. A seekable stream is used as it is; anything else is spooled to a temporary file that
/// deletes itself, so a large upload never sits whole in memory.
/// </summary>
internal sealed class SeekableInput : IAsyncDisposable
{
    private readonly Stream? ownedStream;
    private readonly long origin;

    private SeekableInput(Stream stream, long length, bool owned)
    {
        Stream = stream;
        Length = length;
        origin = stream.Position;
        ownedStream = owned ? stream : null;
    }

    public Stream Stream { get; }

    public long Length { get; }

    public static async Task<SeekableInput> OpenAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        if (source.CanSeek)
        {
            var length = source.Length - source.Position;
            return length > maxBytes ? throw ConversionErrors.InputTooLarge(maxBytes) : new SeekableInput(source, length, owned: false);
        }

        var spool = new FileStream(
            Path.Combine(Path.GetTempPath(), $"konvrt-{Guid.NewGuid():N}.upload"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var total = await LimitedCopy.CopyAsync(source, spool, maxBytes, observe: null, cancellationToken);
            spool.Position = 0;
            return new SeekableInput(spool, total, owned: true);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    public void Rewind() => Stream.Position = origin;

    public async Task<byte[]> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        Rewind();
        var header = new byte[(int)Math.Min(InputFormatDetector.HeaderBytes, Length)];
        await Stream.ReadExactlyAsync(header, cancellationToken);
        Rewind();
        return header;
    }

    public ValueTask DisposeAsync() => ownedStream?.DisposeAsync() ?? ValueTask.CompletedTask;
}
