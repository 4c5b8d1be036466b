using Konvrt.Portal.Features.Conversion.Steps;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>Writes the finished image in one output format, with that format's options.</summary>
public interface IOutputEncoder
{
    OutputFormat Format { get; }

    Task EncodeAsync(ConvertingImage image, Stream output, CancellationToken cancellationToken);
}
