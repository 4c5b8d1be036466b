using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Qoi;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;

namespace Konvrt.Portal.Features.Conversion.Input;

/// <summary>
/// Names the format from the first bytes only: never the file name or the Content-Type, which the
/// uploader controls. ImageSharp's own detectors judge its formats; HEIF and AVIF are ISO-BMFF
/// files recognised by the brands in their <c>ftyp</c> box.
/// </summary>
public static class InputFormatDetector
{
    public const int HeaderBytes = 64;

    private static readonly string[] AvifBrands = ["avif", "avis"];
    private static readonly string[] HeicBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1"];

    public static InputFormat? Detect(ReadOnlySpan<byte> header, Configuration configuration)
    {
        if (IsoBmffFormat(header) is { } heif)
        {
            return heif;
        }
        try
        {
            return Image.DetectFormat(new DecoderOptions { Configuration = configuration }, header) switch
            {
                JpegFormat => InputFormat.Jpeg,
                PngFormat => InputFormat.Png,
                GifFormat => InputFormat.Gif,
                WebpFormat => InputFormat.Webp,
                BmpFormat => InputFormat.Bmp,
                TiffFormat => InputFormat.Tiff,
                TgaFormat => InputFormat.Tga,
                QoiFormat => InputFormat.Qoi,
                PbmFormat => InputFormat.Pbm,
                _ => null,
            };
        }
        catch (UnknownImageFormatException)
        {
            return null;
        }
    }

    private static InputFormat? IsoBmffFormat(ReadOnlySpan<byte> header)
    {
        if (header.Length < 16 || !header.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return null;
        }
        var boxSize = (int)Math.Min((uint)(header[0] << 24 | header[1] << 16 | header[2] << 8 | header[3]), (uint)header.Length);
        var brands = new List<string> { Brand(header, 8) };
        for (var offset = 16; offset + 4 <= boxSize; offset += 4)
        {
            brands.Add(Brand(header, offset));
        }
        if (brands.Any(AvifBrands.Contains))
        {
            return InputFormat.Avif;
        }
        return brands.Any(HeicBrands.Contains) ? InputFormat.Heic : null;
    }

    private static string Brand(ReadOnlySpan<byte> header, int offset) => Encoding.ASCII.GetString(header.Slice(offset, 4));
}
