using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Processing;

namespace Konvrt.Portal.Features.Conversion.Input;

/// <summary>JPEG, PNG, GIF, WebP, BMP, TIFF, TGA, QOI and PBM, read by ImageSharp itself.</summary>
public sealed class ImageSharpInputDecoder(ImagingConfiguration imaging) : IInputDecoder
{
    public bool Reads(InputFormat format) => format is not (InputFormat.Heic or InputFormat.Avif);

    public async Task<SourceImage> IdentifyAsync(Stream input, InputFormat format, long bytes, CancellationToken cancellationToken)
    {
        var info = await Image.IdentifyAsync(new DecoderOptions { Configuration = imaging.Configuration }, input, cancellationToken);
        ushort orientation = 1;
        if (info.Metadata.ExifProfile?.TryGetValue(ExifTag.Orientation, out var tag) == true)
        {
            orientation = tag.Value;
        }
        return new SourceImage(format, info.Width, info.Height, Math.Max(1, info.FrameCount), bytes, orientation);
    }

    public async Task<Image> DecodeAsync(Stream input, SourceImage source, DecodePlan plan, CancellationToken cancellationToken)
    {
        var options = new DecoderOptions
        {
            Configuration = imaging.Configuration,
            // Only JPEG shrinks for free (scaled IDCT); other decoders would resample twice.
            TargetSize = source.Format == InputFormat.Jpeg ? plan.TargetSize : null,
            Sampler = KnownResamplers.Lanczos3,
            MaxFrames = (uint)plan.MaxFrames,
            // ICC-tagged and CMYK images become true sRGB pixels here, before anything else touches them.
            ColorProfileHandling = ColorProfileHandling.Convert,
        };
        return await Image.LoadAsync(options, input, cancellationToken);
    }
}
