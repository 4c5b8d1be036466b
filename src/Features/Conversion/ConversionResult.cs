namespace Konvrt.Portal.Features.Conversion;

public sealed record ImageFacts(string Format, int Width, int Height, long Bytes, int Frames);

public sealed record StageTimings(TimeSpan Validate, TimeSpan Decode, TimeSpan Transform, TimeSpan Encode)
{
    public TimeSpan Total => Validate + Decode + Transform + Encode;
}

public sealed record ConversionResult(ImageFacts Input, ImageFacts Output, StageTimings Stages);
