using Konvrt.Portal.Features.Conversion;

namespace Konvrt.Portal.Features.Presets;

/// <summary>A preset in a line, for people: its description, or what it makes.</summary>
public static class PresetSummary
{
    public static string Describe(PresetView preset) => preset.Description is { Length: > 0 } description ? description : Outputs(preset);

    /// <summary>"main: WEBP, max 1200 wide · thumb: WEBP, max 300 wide".</summary>
    public static string Outputs(PresetView preset) => string.Join(" · ", preset.Outputs.Select(output =>
        (preset.IsSingle ? "" : output.Name + ": ") + string.Join(", ", Facts(output))));

    private static IEnumerable<string> Facts(OutputDefinition output)
    {
        var options = output.Options;
        yield return options.Format == OutputFormat.Auto
            ? "best format" + (options.Accept is { } accepted ? $" of {Conversion.Options.FormatListOption.Describe(accepted)}" : "")
            : options.Format.Name().ToUpperInvariant();
        if (options.Width is { } width && options.Height is { } height)
        {
            yield return $"{width} × {height}";
        }
        else if (options.MaxWidth is { } maxWidth)
        {
            yield return $"at most {maxWidth} px wide";
        }
        else if (options.Width is { } exactWidth)
        {
            yield return $"{exactWidth} px wide";
        }
        if (options.Quality is { } quality)
        {
            yield return $"quality {quality}";
        }
        else if (options.AutoQuality is { } target)
        {
            yield return $"quality found for the eye ({target.ToString().ToLowerInvariant()})";
        }
    }
}
