using Konvrt.Portal.Features.Conversion.Options;
using Microsoft.Extensions.Options;
using VipsImage = NetVips.Image;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>
/// libwebp: lossy by quality or lossless. Animations go through libwebp's animation encoder, which writes
/// each frame as the rectangle that changed, blended over the one before (2.5× fewer bytes than whole frames).
/// </summary>
public sealed class WebpOutputEncoder(IOptions<WebpSettings> settings) : VipsOutputEncoder
{
    public static BooleanOption Lossless { get; } = new("lossless", "Lossless",
        "Lossless WebP (PNG is always lossless; refused for jpeg, gif and avif).",
        options => options.Lossless, (options, value) => options with { Lossless = value })
    {
        Formats = [OutputFormat.Webp, OutputFormat.Png],
        // Recorded whatever the format, as it always was: canonical texts of earlier jobs keep matching.
        RecordedWhen = _ => true,
    };

    public static ConversionRule LosslessFormats { get; } = (options, _, fail) =>
    {
        if (options.Lossless && !Lossless.AppliesTo(options.Format))
        {
            fail(Lossless.Name, $"applies to webp (and png, which is always lossless), not {options.Format.Name()}.");
        }
        return options;
    };

    public override OutputFormat Format => OutputFormat.Webp;

    protected override byte[] Save(VipsImage vips, ConversionOptions options)
    {
        var webp = vips.WebpsaveBuffer(
            q: options.EffectiveQuality,
            lossless: options.Lossless,
            effort: settings.Value.Method,
            keep: options.KeepMetadata ? NetVips.Enums.ForeignKeep.All : NetVips.Enums.ForeignKeep.None);
        return options.KeepMetadata ? WebpExifChunk.WithoutApp1Header(webp) : webp;
    }
}
