using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;

namespace Konvrt.Portal.Features.Presets;

/// <summary>The presets every workspace has, read-only: the common cases of the tutorial.</summary>
public sealed record ConversionPreset(string Key, string Name, string Description, ConversionOptions Options)
{
    public static ConversionPreset Web { get; } = new("web", "Web", "WebP, quality 80, at most 1200 px wide",
        new ConversionOptions { Format = OutputFormat.Webp, Quality = 80, MaxWidth = 1200 });

    public static ConversionPreset Thumbnail { get; } = new("thumbnail", "Thumbnail", "WebP, quality 70, at most 300 px wide",
        new ConversionOptions { Format = OutputFormat.Webp, Quality = 70, MaxWidth = 300 });

    public static ConversionPreset Avatar { get; } = new("avatar", "Avatar", "WebP, quality 80, 200 × 200 cropped to the centre",
        new ConversionOptions { Format = OutputFormat.Webp, Quality = 80, Width = 200, Height = 200, Fit = FitMode.Cover, Crop = CropGravity.Center });

    public static IReadOnlyList<ConversionPreset> All { get; } = [Web, Thumbnail, Avatar];

    public const string CustomKey = "custom";

    public PresetView View => new(Key, Description, [new OutputDefinition(OutputDefinition.DefaultName, Options)], BuiltIn: true);
}
