using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Conversion.Steps;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Processing.Processors.Quantization;
using VipsImage = NetVips.Image;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>
/// Truecolour PNG through libspng with adaptive filtering (within 1 % of <c>optipng -o2</c> at level 9).
/// Palette PNG stays with ImageSharp: its Wu quantizer gives smaller files than libimagequant's dithering,
/// and a palette source (an indexed PNG, a GIF) stays indexed.
/// </summary>
public sealed class PngOutputEncoder : VipsOutputEncoder
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

    public override OutputFormat Format => OutputFormat.Png;

    public override Task EncodeAsync(ConvertingImage image, Stream output, CancellationToken cancellationToken)
    {
        var indexed = image.Options.Palette || image.Image.Metadata.GetPngMetadata().ColorType == PngColorType.Palette;
        return indexed
            ? image.Image.SaveAsync(output, new PngEncoder
            {
                CompressionLevel = (PngCompressionLevel)Level(image.Options),
                ColorType = PngColorType.Palette,
                Quantizer = image.Options.Palette ? new WuQuantizer() : null,
            }, cancellationToken)
            : base.EncodeAsync(image, output, cancellationToken);
    }

    protected override byte[] Save(VipsImage vips, ConversionOptions options) => vips.PngsaveBuffer(
        compression: Level(options),
        filter: NetVips.Enums.ForeignPngFilter.All,
        keep: options.KeepMetadata ? NetVips.Enums.ForeignKeep.All : NetVips.Enums.ForeignKeep.None);

    private static int Level(ConversionOptions options) => options.CompressionLevel ?? DefaultLevel;
}
