using Konvrt.Portal.Features.Conversion.Options;

namespace Konvrt.Portal.Features.Conversion;

public enum OutputFormat
{
    Webp,
    Jpeg,
    Png,
    Gif,
    Avif,
    /// <summary>Chosen per image from the formats the caller accepts (<see cref="Output.AutoFormat"/>).</summary>
    Auto,
}

public static class OutputFormats
{
    public static ChoiceOption<OutputFormat> Option { get; } = new("format", "Format",
        "The output format. Without it, the API and the portal write WebP and the CLI follows OUTPUT's extension. "
        + "auto chooses per image among the formats the caller accepts (the accept option, else the request's Accept header): "
        + "AVIF, then WebP, then JPEG for photos, keeping the smaller of the first two; WebP, then PNG, for transparency; WebP, then GIF, for animation.",
        options => options.Format, (options, value) => options with { Format = value })
    {
        Default = "webp",
        Aliases = new Dictionary<string, OutputFormat> { ["jpg"] = OutputFormat.Jpeg },
        ChoiceLabels = Enum.GetValues<OutputFormat>().ToDictionary(ChoiceText.Of,
            format => format == OutputFormat.Auto ? "Auto (best the caller accepts)" : format.ToString().ToUpperInvariant()),
    };

    public static string Name(this OutputFormat format) => format.ToString().ToLowerInvariant();

    public static string Extension(this OutputFormat format) => format switch
    {
        OutputFormat.Jpeg => ".jpg",
        // Not known until the image is seen: keys made before then leave it out (StoragePaths fills it later).
        OutputFormat.Auto => "",
        _ => "." + format.Name(),
    };

    public static string MediaType(this OutputFormat format) => "image/" + format.Name();

    /// <summary>The quality used when the caller gives none; null where quality does not apply.</summary>
    public static int? DefaultQuality(this OutputFormat format) => format switch
    {
        OutputFormat.Webp => 80,
        OutputFormat.Jpeg => 82,
        OutputFormat.Avif => 60,
        _ => null,
    };

    /// <summary>Whether quality applies: the lossy encoders.</summary>
    public static bool IsLossy(this OutputFormat format) => format.DefaultQuality() is not null;

    public static bool KeepsAnimation(this OutputFormat format) => format is OutputFormat.Webp or OutputFormat.Gif or OutputFormat.Auto;

    public static bool HasAlpha(this OutputFormat format) => format is not OutputFormat.Jpeg;

    public static bool TryParse(string? text, out OutputFormat format)
    {
        format = default;
        return text?.ToLowerInvariant() switch
        {
            "webp" => Set(OutputFormat.Webp, out format),
            "jpeg" or "jpg" => Set(OutputFormat.Jpeg, out format),
            "png" => Set(OutputFormat.Png, out format),
            "gif" => Set(OutputFormat.Gif, out format),
            "avif" => Set(OutputFormat.Avif, out format),
            "auto" => Set(OutputFormat.Auto, out format),
            _ => false,
        };
    }

    private static bool Set(OutputFormat value, out OutputFormat format)
    {
        format = value;
        return true;
    }
}
