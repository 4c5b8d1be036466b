using System.Buffers.Binary;

namespace Konvrt.Portal.Features.Conversion.Input;

/// <summary>
/// Tells whether a file reaches the end its own structure promises. Decoders are lenient: ImageSharp
/// fills a cut-off JPEG with grey and drops the missing frames of a GIF, and libheif returns a whole
/// HEIC canvas from a tenth of the file. A user who uploads half a photo must hear so, not receive half
/// a picture. PNG's decoder already refuses a missing chunk; the other formats are left to their decoders.
/// </summary>
internal static class ContainerCompleteness
{
    public static bool IsComplete(InputFormat format, Stream input, long length)
    {
        var reader = new ByteReader(input, length);
        try
        {
            return format switch
            {
                InputFormat.Jpeg => JpegReachesEndOfImage(reader),
                InputFormat.Gif => GifReachesTrailer(reader),
                InputFormat.Heic or InputFormat.Avif => BoxesFit(reader),
                InputFormat.Webp => RiffFits(reader),
                _ => true,
            };
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    /// <summary>Marker by marker, through entropy-coded scans, to EOI. Anything after EOI (e.g. a motion-photo video) is not our concern.</summary>
    private static bool JpegReachesEndOfImage(ByteReader reader)
    {
        if (reader.Byte() != 0xFF || reader.Byte() != 0xD8)
        {
            return false;
        }
        byte? pending = null;
        while (true)
        {
            var marker = pending ?? reader.NextMarker();
            pending = null;
            if (marker == 0xD9)
            {
                return true;
            }
            if (marker is (>= 0xD0 and <= 0xD7) or 0x01)
            {
                continue;
            }
            var segment = reader.UInt16BigEndian();
            if (segment < 2)
            {
                return false;
            }
            reader.Skip(segment - 2);
            if (marker == 0xDA)
            {
                pending = reader.SkipEntropyCodedData();
            }
        }
    }

    private static bool GifReachesTrailer(ByteReader reader)
    {
        reader.Skip(10);
        var screen = reader.Byte();
        reader.Skip(2);
        SkipColorTable(reader, screen);
        while (true)
        {
            switch (reader.Byte())
            {
                case 0x21:
                    reader.Skip(1);
                    SkipSubBlocks(reader);
                    break;
                case 0x2C:
                    reader.Skip(8);
                    SkipColorTable(reader, reader.Byte());
                    reader.Skip(1);
                    SkipSubBlocks(reader);
                    break;
                case 0x3B:
                    return true;
                default:
                    return false;
            }
        }
    }

    private static void SkipColorTable(ByteReader reader, byte packed)
    {
        if ((packed & 0x80) != 0)
        {
            reader.Skip(3 * (2 << (packed & 0x07)));
        }
    }

    private static void SkipSubBlocks(ByteReader reader)
    {
        byte size;
        while ((size = reader.Byte()) != 0)
        {
            reader.Skip(size);
        }
    }

    /// <summary>ISO-BMFF: every top-level box (ftyp, meta, mdat…) must fit inside the file.</summary>
    private static bool BoxesFit(ByteReader reader)
    {
        while (reader.Remaining > 0)
        {
            long size = reader.UInt32BigEndian();
            reader.Skip(4);
            var header = 8L;
            if (size == 1)
            {
                size = (long)reader.UInt64BigEndian();
                header = 16;
            }
            else if (size == 0)
            {
                return true;
            }
            if (size < header || size - header > reader.Remaining)
            {
                return false;
            }
            reader.Skip(size - header);
        }
        return true;
    }

    private static bool RiffFits(ByteReader reader)
    {
        reader.Skip(4);
        var size = reader.UInt32LittleEndian();
        return size <= reader.Remaining;
    }

    /// <summary>Forward reads over the seekable upload, in 64 KB blocks.</summary>
    private sealed class ByteReader(Stream stream, long length)
    {
        private readonly long start = stream.Position;
        private readonly byte[] buffer = new byte[64 * 1024];
        private int filled;
        private int offset;
        private long consumedBeforeBuffer;

        public long Remaining => length - (consumedBeforeBuffer + offset);

        public byte Byte()
        {
            if (offset == filled && !Fill())
            {
                throw new EndOfStreamException();
            }
            return buffer[offset++];
        }

        public ushort UInt16BigEndian() => (ushort)(Byte() << 8 | Byte());

        public uint UInt32BigEndian() => (uint)UInt16BigEndian() << 16 | UInt16BigEndian();

        public ulong UInt64BigEndian() => (ulong)UInt32BigEndian() << 32 | UInt32BigEndian();

        public uint UInt32LittleEndian()
        {
            Span<byte> bytes = [Byte(), Byte(), Byte(), Byte()];
            return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        }

        public void Skip(long count)
        {
            if (count > Remaining)
            {
                throw new EndOfStreamException();
            }
            var inBuffer = Math.Min(count, filled - offset);
            offset += (int)inBuffer;
            count -= inBuffer;
            if (count > 0)
            {
                consumedBeforeBuffer += offset + count;
                stream.Position = start + consumedBeforeBuffer;
                filled = offset = 0;
            }
        }

        /// <summary>The next marker's code, skipping fill bytes (0xFF 0xFF…).</summary>
        public byte NextMarker()
        {
            if (Byte() != 0xFF)
            {
                throw new EndOfStreamException();
            }
            byte code;
            while ((code = Byte()) == 0xFF)
            {
            }
            return code;
        }

        /// <summary>Past scan data to the next real marker (not a stuffed 0xFF00 or a restart marker); returns its code.</summary>
        public byte SkipEntropyCodedData()
        {
            while (true)
            {
                if (offset == filled && !Fill())
                {
                    throw new EndOfStreamException();
                }
                var next = buffer.AsSpan(offset, filled - offset).IndexOf((byte)0xFF);
                if (next < 0)
                {
                    offset = filled;
                    continue;
                }
                offset += next + 1;
                byte code;
                while ((code = Byte()) == 0xFF)
                {
                }
                if (code != 0x00 && code is not (>= 0xD0 and <= 0xD7))
                {
                    return code;
                }
            }
        }

        private bool Fill()
        {
            consumedBeforeBuffer += filled;
            offset = 0;
            var toRead = (int)Math.Min(buffer.Length, length - consumedBeforeBuffer);
            filled = toRead <= 0 ? 0 : stream.Read(buffer, 0, toRead);
            return filled > 0;
        }
    }
}
