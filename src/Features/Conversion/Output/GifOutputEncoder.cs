using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>Animation kept; colours quantized to each frame's palette.</summary>
public sealed class GifOutputEncoder : ImageSharpOutputEncoder
{
    public override OutputFormat Format => OutputFormat.Gif;

    protected override IImageEncoder CreateEncoder(Options.ConversionOptions options) => new GifEncoder();
}
