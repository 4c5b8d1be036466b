using Konvrt.Portal.Features.Conversion.Options;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>The quality the lossy encoders (WebP, JPEG, AVIF) share: declared once, read by each of them.</summary>
public static class LossyQuality
{
    public static QualityOption Option { get; } = new("quality", "Quality", 1, 100,
        "Lossy quality: lower is smaller. Ignored by png and gif; for lossless WebP it is the compression effort. "
        + "auto (or auto:high, auto:eco) finds the lowest quality whose output still looks like the finished image to the eye "
        + "(luma SSIM at least 0.985, 0.97 or 0.955), in at most three encodes.",
        options => options.AutoQuality is { } target ? new QualitySetting(null, target)
            : new QualitySetting(options.Format.IsLossy() ? options.EffectiveQuality : options.Quality, null),
        (options, value) => options with { Quality = value.Number, AutoQuality = value.Auto })
    {
        DefaultNote = "webp 80, jpeg 82, avif 60",
        Formats = [OutputFormat.Webp, OutputFormat.Jpeg, OutputFormat.Avif, OutputFormat.Auto],
        RelevantWhen = value => value("lossless") != "true",
    };
}
