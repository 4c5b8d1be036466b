using ImageMagick;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;
using ExifProfile = SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifProfile;
using ExifTag = SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag;
using IccProfile = SixLabors.ImageSharp.Metadata.Profiles.Icc.IccProfile;
using XmpProfile = SixLabors.ImageSharp.Metadata.Profiles.Xmp.XmpProfile;

namespace Konvrt.Portal.Features.Conversion.Input;

/// <summary>
/// HEIC/HEIF and AVIF through Magick.NET (libheif, shipped inside the NuGet package), handed over to
/// ImageSharp as sRGB pixels. ImageMagick is only ever told the exact format the bytes were detected
/// as, so it never guesses one and never interprets scripts such as MVG, MSL or SVG.
/// </summary>
public sealed class MagickInputDecoder(ImagingConfiguration imaging) : IInputDecoder
{
    public bool Reads(InputFormat format) => format is InputFormat.Heic or InputFormat.Avif;

    public Task<SourceImage> IdentifyAsync(Stream input, InputFormat format, long bytes, CancellationToken cancellationToken)
    {
        // libheif applies the HEIF rotation (irot) and mirror (imir) itself: the size reported is the displayed size.
        var info = new MagickImageInfo(input, Settings(format));
        return Task.FromResult(new SourceImage(format, (int)info.Width, (int)info.Height, 1, bytes, 1));
    }

    public Task<Image> DecodeAsync(Stream input, SourceImage source, DecodePlan plan, CancellationToken cancellationToken)
    {
        using var magick = new MagickImage(input, Settings(source.Format));
        // libheif cannot decode at a smaller size, so the image shrinks here, natively, before anything is
        // copied out: the full-size pixels never cross into .NET (a 12 MP photo is 36 MB per copy), and the
        // colour transform below works on the small image.
        if (plan.TargetSize is { } target && target.Width < magick.Width)
        {
            magick.FilterType = FilterType.Lanczos;
            magick.Resize(new MagickGeometry((uint)target.Width, (uint)target.Height) { IgnoreAspectRatio = true });
        }
        if (magick.GetColorProfile() is not null)
        {
            magick.TransformColorSpace(ColorProfiles.SRGB);
        }

        var width = (int)magick.Width;
        var height = (int)magick.Height;
        using var pixels = magick.GetPixelsUnsafe();
        Image image = magick.HasAlpha
            ? Image.LoadPixelData<Rgba32>(imaging.Configuration, pixels.ToByteArray(PixelMapping.RGBA)!, width, height)
            : Image.LoadPixelData<Rgb24>(imaging.Configuration, pixels.ToByteArray(PixelMapping.RGB)!, width, height);
        if (plan.KeepMetadata)
        {
            CarryMetadata(magick, image.Metadata);
        }
        return Task.FromResult(image);
    }

    /// <summary>
    /// EXIF (with the orientation libheif already applied reset to 1), XMP, and the sRGB profile the pixels are now in.
    /// ImageMagick hands EXIF over as the JPEG APP1 payload, "Exif\0\0" first; ImageSharp wants the TIFF structure alone.
    /// </summary>
    private static void CarryMetadata(MagickImage magick, ImageMetadata metadata)
    {
        if (magick.GetExifProfile()?.ToByteArray() is { Length: > 0 } exif)
        {
            var tiff = exif.AsSpan().StartsWith("Exif\0\0"u8) ? exif[6..] : exif;
            metadata.ExifProfile = new ExifProfile(tiff);
            metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)1);
        }
        if (magick.GetXmpProfile()?.ToByteArray() is { Length: > 0 } xmp)
        {
            metadata.XmpProfile = new XmpProfile(xmp);
        }
        if (magick.GetColorProfile()?.ToByteArray() is { Length: > 0 } icc)
        {
            metadata.IccProfile = new IccProfile(icc);
        }
    }

    private static MagickReadSettings Settings(InputFormat format) => new()
    {
        Format = format == InputFormat.Avif ? MagickFormat.Avif : MagickFormat.Heic,
        FrameIndex = 0,
        FrameCount = 1,
    };
}
