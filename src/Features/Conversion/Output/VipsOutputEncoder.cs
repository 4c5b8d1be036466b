using Konvrt.Portal.Features.Conversion.Steps;
using VipsImage = NetVips.Image;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>An output libvips encodes from the finished pixels; each subclass only says with which saver and settings.</summary>
public abstract class VipsOutputEncoder : IOutputEncoder
{
    public abstract OutputFormat Format { get; }

    public Task EncodeAsync(ConvertingImage image, Stream output, CancellationToken cancellationToken) =>
        VipsHandOver.WriteAsync(image, Format.HasAlpha(), Format.KeepsAnimation(), vips => Save(vips, image.Options), output, cancellationToken);

    protected abstract byte[] Save(VipsImage vips, Options.ConversionOptions options);
}
