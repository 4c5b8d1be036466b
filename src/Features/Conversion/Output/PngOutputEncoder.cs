using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Conversion.Steps;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Processing.Processors.Quantization;
using VipsImage = NetVips.Image;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>
/// Lossless PNG in the smallest colour type that holds the pixels exactly (<see cref="PngReduction"/>): grey or
/// truecolour through libspng, adaptive filtering or none, whichever is smaller (at or below <c>optipng -o2</c>), an exact palette
/// of the image's own colours through ImageSharp. The <c>palette</c>
/// option, which quantizes a photo to 256 colours, stays with ImageSharp's Wu quantizer: smaller files than
/// libimagequant's dithering.
/// </summary>
public sealed class PngOutputEncoder : IOutputEncoder
{
    public static IntegerOption CompressionLevel { get; } = new("compressionLevel", "Compression level", 1, 9,
        "PNG zlib level: higher is smaller and slower.",
        options => options.CompressionLevel, (options, value) => options with { CompressionLevel = value })
    {
        Default = "9",
        Formats = [OutputFormat.Png],
    };

    public static BooleanOption Palette { get; } = new("palette", "Palette (256 colours)",
        "Palette-quantized PNG: much smaller, up to 256 colours.",
        options => options.Palette, (options, value) => options with { Palette = value })
    {
        Formats = [OutputFormat.Png],
    };

    /// <summary>zlib's smallest: PNG is picked for lossless bytes, and level 9 costs tens of milliseconds on web sizes.</summary>
    private const int DefaultLevel = 9;

    public OutputFormat Format => OutputFormat.Png;

    public async Task EncodeAsync(ConvertingImage image, Stream output, CancellationToken cancellationToken)
    {
        var reduction = image.Options.Palette ? null : PngReduction.Of(image.Image);
        IQuantizer? quantizer = image.Options.Palette
            ? new WuQuantizer()
            : reduction!.Kind == PngReduction.Kind.Palette
                // Its own colours as the palette, no dithering: every pixel maps to itself. (libimagequant, asked the
                // same, still moved some colours.)
                ? new PaletteQuantizer(reduction.Colours.Select(colour => Color.FromPixel(colour)).ToArray(), new QuantizerOptions { Dither = null })
                : null;
        if (quantizer is not null)
        {
            await image.Image.SaveAsync(output, new PngEncoder
            {
                CompressionLevel = (PngCompressionLevel)Level(image.Options),
                ColorType = PngColorType.Palette,
                Quantizer = quantizer,
            }, cancellationToken);
            return;
        }
        await VipsHandOver.WriteAsync(image, alpha: true, animate: false, vips => Save(vips, image.Options, reduction!.Kind), output, cancellationToken);
    }

    private static byte[] Save(VipsImage vips, ConversionOptions options, PngReduction.Kind reduction)
    {
        var keep = options.KeepMetadata ? NetVips.Enums.ForeignKeep.All : NetVips.Enums.ForeignKeep.None;
        switch (reduction)
        {
            case PngReduction.Kind.Grey:
                using (var grey = vips.ExtractBand(0, n: 1))
                using (var alpha = vips.HasAlpha() ? vips.ExtractBand(vips.Bands - 1) : null)
                using (var joined = alpha is null ? grey.Copy() : grey.Bandjoin(alpha))
                using (var tagged = joined.Copy(interpretation: NetVips.Enums.Interpretation.Bw))
                {
                    return Smallest(tagged, Level(options), keep);
                }
            default:
                return Smallest(vips, Level(options), keep);
        }
    }

    /// <summary>
    /// Adaptive filtering suits photos; no filtering suits drawings on large flat or transparent areas (the alpha PNG:
    /// 520 KB against 635 KB adaptive, optipng -o2 531 KB). Like optipng, with two trials instead of its eight.
    /// </summary>
    private static byte[] Smallest(VipsImage vips, int level, NetVips.Enums.ForeignKeep keep)
    {
        var adaptive = vips.PngsaveBuffer(compression: level, filter: NetVips.Enums.ForeignPngFilter.All, keep: keep);
        var unfiltered = vips.PngsaveBuffer(compression: level, filter: NetVips.Enums.ForeignPngFilter.None, keep: keep);
        return unfiltered.Length < adaptive.Length ? unfiltered : adaptive;
    }

    private static int Level(ConversionOptions options) => options.CompressionLevel ?? DefaultLevel;
}
