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
