using Konvrt.Portal.Features.Conversion.Steps;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>Writes the finished image in one output format, with that format's options.</summary>
public interface IOutputEncoder
{
    OutputFormat Format { get; }

    Task EncodeAsync(ConvertingImage image, Stream output, CancellationToken cancellationToken);
}

public static class OutputEncoderExtensions
{
    /// <summary>The output as bytes, for choices made by encoding more than once (<see cref="OutputChoice"/>, <see cref="QualitySearch"/>).</summary>
    public static async Task<byte[]> EncodeToBytesAsync(this IOutputEncoder encoder, ConvertingImage image, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await encoder.EncodeAsync(image, buffer, cancellationToken);
        return buffer.ToArray();
    }
}
