using SixLabors.ImageSharp;

namespace Konvrt.Portal.Features.Conversion.Input;

/// <summary>Reads one family of input formats into an ImageSharp image, which the rest of the pipeline works on.</summary>
public interface IInputDecoder
{
    bool Reads(InputFormat format);

    /// <summary>Dimensions, frames and orientation from the headers alone, before any large allocation.</summary>
    Task<SourceImage> IdentifyAsync(Stream input, InputFormat format, long bytes, CancellationToken cancellationToken);

    Task<Image> DecodeAsync(Stream input, SourceImage source, DecodePlan plan, CancellationToken cancellationToken);
}
