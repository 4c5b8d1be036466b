using System.Globalization;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;

namespace Konvrt.Portal.Features.Jobs.Uploads;

/// <summary>
/// The Custom form's fields. They become options through the same parser the API uses, so the page
/// accepts exactly what the API accepts and explains a refusal in the same words.
/// </summary>
public sealed class CustomOptions
{
    public OutputFormat Format { get; set; } = OutputFormat.Webp;
    public int? Quality { get; set; } = 80;
    public int? Width { get; set; }
    public int? Height { get; set; }
    public int? MaxWidth { get; set; }
    public int? MaxHeight { get; set; }
    public FitMode Fit { get; set; } = FitMode.Inside;
    public CropGravity Crop { get; set; } = CropGravity.Center;
    public string? Background { get; set; }
    public bool Enlarge { get; set; }
    public bool Lossless { get; set; }
    public bool KeepMetadata { get; set; }
    public bool Progressive { get; set; }
    public int? CompressionLevel { get; set; }
    public bool Palette { get; set; }

    public bool HasQuality => Format.DefaultQuality() is not null;

    /// <summary>The options, or the parser's reasons per field.</summary>
    public (ConversionOptions? Options, IReadOnlyDictionary<string, string[]> Errors) ToOptions()
    {
        try
        {
            return (ConversionOptionsParser.Parse(Fields()), new Dictionary<string, string[]>());
        }
        catch (InvalidConversionOptionsException invalid)
        {
            return (null, invalid.Errors);
        }
    }

    private IEnumerable<KeyValuePair<string, string?>> Fields()
    {
        yield return Field("format", Format.Name());
        if (HasQuality && !Lossless)
        {
            yield return Field("quality", Quality);
        }
        yield return Field("width", Width);
        yield return Field("height", Height);
        yield return Field("maxWidth", MaxWidth);
        yield return Field("maxHeight", MaxHeight);
        yield return Field("fit", Fit.ToString().ToLowerInvariant());
        if (Fit == FitMode.Cover)
        {
            yield return Field("crop", Crop.ToString().ToLowerInvariant());
        }
        if (!string.IsNullOrWhiteSpace(Background))
        {
            yield return Field("background", Background.Trim());
        }
        yield return Field("enlarge", Flag(Enlarge));
        yield return Field("lossless", Flag(Lossless));
        yield return Field("keepMetadata", Flag(KeepMetadata));
        if (Format == OutputFormat.Jpeg)
        {
            yield return Field("progressive", Flag(Progressive));
        }
        if (Format == OutputFormat.Png)
        {
            yield return Field("compressionLevel", CompressionLevel);
            yield return Field("palette", Flag(Palette));
        }
    }

    private static KeyValuePair<string, string?> Field(string name, string? value) => KeyValuePair.Create(name, value);

    private static KeyValuePair<string, string?> Field(string name, int? value) =>
        KeyValuePair.Create(name, value?.ToString(CultureInfo.InvariantCulture));

    private static string Flag(bool value) => value ? "true" : "false";
}
