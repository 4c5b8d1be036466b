using ImageMagick;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;

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
        if (magick.GetColorProfile() is not null)
        {
            magick.TransformColorSpace(ColorProfiles.SRGB);
        }
        var metadata = new ImageMetadata();
        if (plan.KeepMetadata && magick.GetExifProfile()?.ToByteArray() is { } exif)
        {
            metadata.ExifProfile = new SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifProfile(exif);
            metadata.ExifProfile.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Orientation, (ushort)1);
        }

        var width = (int)magick.Width;
        var height = (int)magick.Height;
        using var pixels = magick.GetPixelsUnsafe();
        Image image = magick.HasAlpha
            ? Image.LoadPixelData<Rgba32>(imaging.Configuration, pixels.ToByteArray(PixelMapping.RGBA)!, width, height)
            : Image.LoadPixelData<Rgb24>(imaging.Configuration, pixels.ToByteArray(PixelMapping.RGB)!, width, height);
        image.Metadata.ExifProfile = metadata.ExifProfile;
        return Task.FromResult(image);
    }

    private static MagickReadSettings Settings(InputFormat format) => new()
    {
        Format = format == InputFormat.Avif ? MagickFormat.Avif : MagickFormat.Heic,
        FrameIndex = 0,
        FrameCount = 1,
    };
}
