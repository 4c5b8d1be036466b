using Konvrt.Portal.Features.Conversion.Options;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>The quality the lossy encoders (WebP, JPEG, AVIF) share: declared once, read by each of them.</summary>
public static class LossyQuality
{
    public static IntegerOption Option { get; } = new("quality", "Quality", 1, 100,
        "Lossy quality: lower is smaller. Ignored by png and gif; for lossless WebP it is the compression effort.",
        options => options.Format.DefaultQuality() is null ? null : options.EffectiveQuality,
        (options, value) => options with { Quality = value })
    {
        DefaultNote = "webp 80, jpeg 82, avif 60",
        Formats = [OutputFormat.Webp, OutputFormat.Jpeg, OutputFormat.Avif],
        RelevantWhen = value => value("lossless") != "true",
    };
}
