using System.Buffers.Binary;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>
/// libvips writes a WebP's EXIF chunk as JPEG's APP1 payload, "Exif\0\0" first. The WebP container holds the
/// TIFF structure alone; readers that follow it (ImageSharp, exiftool warns "improper EXIF header") miss every
/// tag otherwise. The six bytes go, and the chunk and file sizes shrink with them.
/// </summary>
internal static class WebpExifChunk
{
    private const int RiffHeader = 12;
    private const int ChunkHeader = 8;

    public static byte[] WithoutApp1Header(byte[] webp)
    {
        for (var at = RiffHeader; at + ChunkHeader <= webp.Length;)
        {
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(at + 4));
            var payload = webp.AsSpan(at + ChunkHeader);
            if (webp.AsSpan(at, 4).SequenceEqual("EXIF"u8) && payload.StartsWith("Exif\0\0"u8))
            {
                return Rewritten(webp, at, size);
            }
            at += ChunkHeader + size + (size & 1);
        }
        return webp;
    }

    private static byte[] Rewritten(byte[] webp, int chunk, int size)
    {
        const int Header = 6;
        var newSize = size - Header;
        var oldPadded = size + (size & 1);
        var newPadded = newSize + (newSize & 1);
        var result = new byte[webp.Length - oldPadded + newPadded];
        var body = chunk + ChunkHeader;
        webp.AsSpan(0, body).CopyTo(result);
        webp.AsSpan(body + Header, newSize).CopyTo(result.AsSpan(body));
        webp.AsSpan(body + oldPadded).CopyTo(result.AsSpan(body + newPadded));
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(chunk + 4), (uint)newSize);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }
}
