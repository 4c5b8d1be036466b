using Konvrt.Portal.Features.Conversion.Options;
using VipsImage = NetVips.Image;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>
/// libjpeg-turbo, as <c>cjpeg -optimize</c>: always 3-component YCbCr (sRGB pixels, whatever the source's
/// colour model), Huffman tables optimized for the image, chroma at 4:2:0 below quality 90 and full above.
/// Progressive scans come out smaller than baseline on photos.
/// </summary>
public sealed class JpegOutputEncoder : VipsOutputEncoder
{
    public static BooleanOption Progressive { get; } = new("progressive", "Progressive",
        "Progressive JPEG: shows a rough whole image first while it loads, and is usually a few percent smaller.",
        options => options.Progressive, (options, value) => options with { Progressive = value })
    {
        Formats = [OutputFormat.Jpeg, OutputFormat.Auto],
    };

    public override OutputFormat Format => OutputFormat.Jpeg;

    protected override byte[] Save(VipsImage vips, ConversionOptions options) => vips.JpegsaveBuffer(
        q: options.EffectiveQuality,
        optimizeCoding: true,
        interlace: options.Progressive,
        subsampleMode: NetVips.Enums.ForeignSubsample.Auto,
        keep: options.KeepMetadata ? NetVips.Enums.ForeignKeep.All : NetVips.Enums.ForeignKeep.None);
}
