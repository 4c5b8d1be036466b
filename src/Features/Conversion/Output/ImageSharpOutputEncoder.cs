using Konvrt.Portal.Features.Conversion.Steps;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>An output ImageSharp writes itself; each subclass only says which encoder, with which settings.</summary>
public abstract class ImageSharpOutputEncoder : IOutputEncoder
{
    public abstract OutputFormat Format { get; }

    public Task EncodeAsync(ConvertingImage image, Stream output, CancellationToken cancellationToken) =>
        image.Image.SaveAsync(output, CreateEncoder(image.Options), cancellationToken);

    protected abstract IImageEncoder CreateEncoder(Options.ConversionOptions options);
}
