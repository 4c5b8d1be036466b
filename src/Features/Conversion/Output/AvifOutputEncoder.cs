using ImageMagick;
using Konvrt.Portal.Features.Conversion.Steps;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>
/// AVIF through Magick.NET (libheif with the AV1 encoder, shipped inside the NuGet package).
/// ImageSharp has no AVIF encoder; the finished pixels are handed over once, at the very end.
/// </summary>
public sealed class AvifOutputEncoder : IOutputEncoder
{
    /// <summary>libheif's encoder speed, 0 (slowest, smallest) to 9: 6 keeps a web-sized photo well under a second.</summary>
    private const string EncoderSpeed = "6";

    public OutputFormat Format => OutputFormat.Avif;

    public async Task EncodeAsync(ConvertingImage image, Stream output, CancellationToken cancellationToken)
    {
        using var rgba = image.Image.CloneAs<Rgba32>();
        var pixels = new byte[rgba.Width * rgba.Height * 4];
        rgba.CopyPixelDataTo(pixels);

        using var magick = new MagickImage();
        magick.ReadPixels(pixels, new PixelReadSettings((uint)rgba.Width, (uint)rgba.Height, StorageType.Char, PixelMapping.RGBA));
        magick.Quality = (uint)image.Options.EffectiveQuality;
        magick.Settings.SetDefine(MagickFormat.Heic, "speed", EncoderSpeed);
        if (image.Options.KeepMetadata)
        {
            CarryMetadata(magick, image.Image.Metadata);
        }
        await magick.WriteAsync(output, MagickFormat.Avif, cancellationToken);
    }

    /// <summary>EXIF (orientation already applied), XMP and the sRGB profile the pixels are in, as the other encoders keep them.</summary>
    private static void CarryMetadata(MagickImage magick, SixLabors.ImageSharp.Metadata.ImageMetadata metadata)
    {
        if (metadata.ExifProfile?.ToByteArray() is { Length: > 0 } exif)
        {
            magick.SetProfile(new ExifProfile(exif));
        }
        if (metadata.XmpProfile?.ToByteArray() is { Length: > 0 } xmp)
        {
            magick.SetProfile(new XmpProfile(xmp));
        }
        if (metadata.IccProfile?.ToByteArray() is { Length: > 0 } icc)
        {
            magick.SetProfile(new ColorProfile(icc));
        }
    }
}
