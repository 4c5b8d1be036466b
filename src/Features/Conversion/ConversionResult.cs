namespace Konvrt.Portal.Features.Conversion;

/// <param name="Quality">The quality <c>quality=auto</c> chose; null where it was given or does not apply.</param>
public sealed record ImageFacts(string Format, int Width, int Height, long Bytes, int Frames, int? Quality = null);

public sealed record StageTimings(TimeSpan Validate, TimeSpan Decode, TimeSpan Transform, TimeSpan Encode)
{
    public TimeSpan Total => Validate + Decode + Transform + Encode;
}

public sealed record ConversionResult(ImageFacts Input, ImageFacts Output, StageTimings Stages);

/// <summary>One source made into several outputs: the source's facts, each output's, and the stages summed over them.</summary>
public sealed record MultiConversionResult(ImageFacts Input, IReadOnlyList<ImageFacts> Outputs, StageTimings Stages);

/// <summary>Stores output <c>index</c>: calls <c>encode</c> with the stream the output should be written to.</summary>
public delegate Task OutputStore(int index, Func<Stream, CancellationToken, Task> encode, CancellationToken cancellationToken);
