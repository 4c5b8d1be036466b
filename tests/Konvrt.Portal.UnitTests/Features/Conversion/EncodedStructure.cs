using System.Buffers.Binary;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

/// <summary>
/// What an encoder wrote, read from the bytes themselves rather than through a decoder that would hide it:
/// a JPEG's frame header (baseline or progressive, components and their sampling) and an animated WebP's frames.
/// </summary>
internal static class EncodedStructure
{
    public sealed record JpegFrame(bool Progressive, int Components, int LumaHorizontal, int LumaVertical, int ChromaHorizontal, int ChromaVertical)
    {
        /// <summary>Chroma at half the luma resolution both ways.</summary>
        public bool Is420 => LumaHorizontal == 2 * ChromaHorizontal && LumaVertical == 2 * ChromaVertical;
    }

    public static JpegFrame Jpeg(byte[] bytes)
    {
        for (var at = 2; at + 4 < bytes.Length;)
        {
            var marker = bytes[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at + 2));
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                var components = bytes[at + 9];
                var luma = bytes[at + 11];
                var chroma = components > 1 ? bytes[at + 14] : luma;
                return new JpegFrame(marker == 0xC2, components, luma >> 4, luma & 15, chroma >> 4, chroma & 15);
            }
            at += 2 + length;
        }
        throw new InvalidDataException("No JPEG frame header.");
    }

    public sealed record WebpFrame(int X, int Y, int Width, int Height);

    /// <summary>The canvas and every ANMF frame's rectangle of an animated WebP.</summary>
    public static (int Width, int Height, IReadOnlyList<WebpFrame> Frames) WebpAnimation(byte[] bytes)
    {
        int width = 0, height = 0;
        var frames = new List<WebpFrame>();
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var chunk = System.Text.Encoding.ASCII.GetString(bytes, at, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            var data = bytes.AsSpan(at + 8);
            if (chunk == "VP8X")
            {
                width = 1 + Read24(data[4..]);
                height = 1 + Read24(data[7..]);
            }
            else if (chunk == "ANMF")
            {
                frames.Add(new WebpFrame(2 * Read24(data), 2 * Read24(data[3..]), 1 + Read24(data[6..]), 1 + Read24(data[9..])));
            }
            at += 8 + size + (size & 1);
        }
        return (width, height, frames);
    }

    private static int Read24(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
}
