using Konvrt.Portal.Features.Conversion.Steps;
using VipsImage = NetVips.Image;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>
/// An output libvips encodes from the finished pixels. libvips writes to memory and the bytes go on
/// asynchronously: the destination may be a network stream that refuses synchronous writes.
/// </summary>
public abstract class VipsOutputEncoder : IOutputEncoder
{
    public abstract OutputFormat Format { get; }

    public virtual async Task EncodeAsync(ConvertingImage image, Stream output, CancellationToken cancellationToken)
    {
        byte[] bytes;
        using (var handOver = VipsHandOver.From(image, Format.HasAlpha(), animate: Format.KeepsAnimation()))
        {
            bytes = Save(handOver.Image, image.Options);
        }
        await output.WriteAsync(bytes, cancellationToken);
    }

    protected abstract byte[] Save(VipsImage vips, Options.ConversionOptions options);
}
