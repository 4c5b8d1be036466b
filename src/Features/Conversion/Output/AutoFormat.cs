using Konvrt.Portal.Features.Conversion.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>
/// <c>format=auto</c>: the best format the caller accepts for this very image. AVIF is chosen only where it is
/// named: it takes several times WebP's encode time and some browsers still lack it.
/// </summary>
public static class AutoFormat
{
    /// <summary>What a caller that names no image format gets: the formats every current browser shows.</summary>
    public const AcceptedFormats Universal = AcceptedFormats.Webp | AcceptedFormats.Jpeg | AcceptedFormats.Png | AcceptedFormats.Gif;

    public static FormatListOption Accept { get; } = new("accept", "Accepted formats",
        "With format=auto: the formats the image may be written in, e.g. avif,webp,jpeg. Without it the request's "
        + "Accept header decides (image/avif, image/webp…; a wildcard means webp, jpeg, png and gif).",
        options => options.Accept, (options, value) => options with { Accept = value })
    {
        Formats = [OutputFormat.Auto],
        RelevantWhen = value => value("format") == "auto",
    };

    private static readonly OutputFormat[] Photo = [OutputFormat.Avif, OutputFormat.Webp, OutputFormat.Jpeg];
    private static readonly OutputFormat[] Transparent = [OutputFormat.Webp, OutputFormat.Png, OutputFormat.Avif];
    private static readonly OutputFormat[] Animated = [OutputFormat.Webp, OutputFormat.Gif];
    private static readonly OutputFormat[] Any = [OutputFormat.Avif, OutputFormat.Webp, OutputFormat.Jpeg, OutputFormat.Png, OutputFormat.Gif];

    /// <summary>The accepted formats in the order this image prefers them; the first is the choice.</summary>
    public static IReadOnlyList<OutputFormat> Candidates(AcceptedFormats? accepted, bool animated, bool transparent)
    {
        var allowed = accepted is null or AcceptedFormats.None ? Universal : accepted.Value;
        var preferred = animated ? Animated.Concat(transparent ? Transparent : Photo) : transparent ? Transparent : Photo;
        return [.. preferred.Concat(Any).Distinct().Where(format => allowed.HasFlag(format.AcceptedFlag()))];
    }

    /// <summary>Whether the two best are both lossy and close enough in kind that the smaller should win.</summary>
    public static bool WorthComparing(IReadOnlyList<OutputFormat> candidates, ConversionOptions options) =>
        candidates.Count > 1 && candidates[0].IsLossy() && candidates[1].IsLossy() && options.AutoQuality is null;

    /// <summary>Any pixel not fully opaque. Pixel types without alpha are opaque without looking.</summary>
    public static bool HasTransparency(Image image)
    {
        if (image.PixelType.AlphaRepresentation is PixelAlphaRepresentation.None)
        {
            return false;
        }
        if (image is not Image<Rgba32> rgba)
        {
            return true;
        }
        var transparent = false;
        rgba.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height && !transparent; y++)
            {
                foreach (var pixel in rows.GetRowSpan(y))
                {
                    if (pixel.A != byte.MaxValue)
                    {
                        transparent = true;
                        break;
                    }
                }
            }
        });
        return transparent;
    }
}
