using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Conversion.Steps;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing.Processors.Quantization;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>An output ImageSharp writes itself; each subclass only says which encoder, with which settings.</summary>
public abstract class ImageSharpOutputEncoder : IOutputEncoder
{
    public abstract OutputFormat Format { get; }

    public Task EncodeAsync(ConvertingImage image, Stream output, CancellationToken cancellationToken) =>
        image.Image.SaveAsync(output, CreateEncoder(image.Options), cancellationToken);

    protected abstract IImageEncoder CreateEncoder(Options.ConversionOptions options);
}

/// <summary>Lossy by quality or lossless; animation (frames and delays) kept.</summary>
public sealed class WebpOutputEncoder(Microsoft.Extensions.Options.IOptions<WebpSettings> settings) : ImageSharpOutputEncoder
{
    public static BooleanOption Lossless { get; } = new("lossless", "Lossless",
        "Lossless WebP (PNG is always lossless; refused for jpeg, gif and avif).",
        options => options.Lossless, (options, value) => options with { Lossless = value })
    {
        Formats = [OutputFormat.Webp, OutputFormat.Png],
        // Recorded whatever the format, as it always was: canonical texts of earlier jobs keep matching.
        RecordedWhen = _ => true,
    };

    public static ConversionRule LosslessFormats { get; } = (options, _, fail) =>
    {
        if (options.Lossless && !Lossless.AppliesTo(options.Format))
        {
            fail(Lossless.Name, $"applies to webp (and png, which is always lossless), not {options.Format.Name()}.");
        }
        return options;
    };

    public override OutputFormat Format => OutputFormat.Webp;

    protected override IImageEncoder CreateEncoder(Options.ConversionOptions options) => new WebpEncoder
    {
        FileFormat = options.Lossless ? WebpFileFormatType.Lossless : WebpFileFormatType.Lossy,
        Quality = options.EffectiveQuality,
        Method = (WebpEncodingMethod)settings.Value.Method,
    };
}

public sealed class JpegOutputEncoder : ImageSharpOutputEncoder
{
    public static BooleanOption Progressive { get; } = new("progressive", "Progressive",
        "Progressive JPEG: shows a rough whole image first while it loads.",
        options => options.Progressive, (options, value) => options with { Progressive = value })
    {
        Formats = [OutputFormat.Jpeg],
    };

    public override OutputFormat Format => OutputFormat.Jpeg;

    protected override IImageEncoder CreateEncoder(Options.ConversionOptions options) => new JpegEncoder
    {
        Quality = options.EffectiveQuality,
        Progressive = options.Progressive,
    };
}

/// <summary>Compression level 1–9 (default 6); optional palette quantization for much smaller files.</summary>
public sealed class PngOutputEncoder : ImageSharpOutputEncoder
{
    public static IntegerOption CompressionLevel { get; } = new("compressionLevel", "Compression level", 1, 9,
        "PNG zlib level: higher is smaller and slower.",
        options => options.CompressionLevel, (options, value) => options with { CompressionLevel = value })
    {
        Default = "6",
        Formats = [OutputFormat.Png],
    };

    public static BooleanOption Palette { get; } = new("palette", "Palette (256 colours)",
        "Palette-quantized PNG: much smaller, up to 256 colours.",
        options => options.Palette, (options, value) => options with { Palette = value })
    {
        Formats = [OutputFormat.Png],
    };

    public override OutputFormat Format => OutputFormat.Png;

    protected override IImageEncoder CreateEncoder(Options.ConversionOptions options) => new PngEncoder
    {
        CompressionLevel = (PngCompressionLevel)(options.CompressionLevel ?? (int)PngCompressionLevel.DefaultCompression),
        ColorType = options.Palette ? PngColorType.Palette : null,
        Quantizer = options.Palette ? new WuQuantizer() : null,
    };
}

/// <summary>Animation kept; colours quantized to each frame's palette.</summary>
public sealed class GifOutputEncoder : ImageSharpOutputEncoder
{
    public override OutputFormat Format => OutputFormat.Gif;

    protected override IImageEncoder CreateEncoder(Options.ConversionOptions options) => new GifEncoder();
}
