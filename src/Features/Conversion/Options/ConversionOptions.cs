using System.Globalization;
using SixLabors.ImageSharp.PixelFormats;

namespace Konvrt.Portal.Features.Conversion.Options;

/// <summary>
/// What a caller asks of a conversion. The option names (format, quality, width, height, maxWidth,
/// maxHeight, fit, crop, background, enlarge, lossless, keepMetadata, progressive, compressionLevel,
/// palette) are the contract the API, the browser page and the CLI share; <see cref="ConversionOptionsParser"/> reads them.
/// </summary>
public sealed record ConversionOptions
{
    public OutputFormat Format { get; init; } = OutputFormat.Webp;
    public int? Quality { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public int? MaxWidth { get; init; }
    public int? MaxHeight { get; init; }
    public FitMode Fit { get; init; } = FitMode.Inside;
    public CropGravity Crop { get; init; } = CropGravity.Center;
    /// <summary>Colour behind transparent pixels for JPEG and behind padding for <see cref="FitMode.Contain"/>.</summary>
    public Rgb24? Background { get; init; }
    public bool Enlarge { get; init; }
    public bool Lossless { get; init; }
    public bool KeepMetadata { get; init; }
    public bool Progressive { get; init; }
    public int? CompressionLevel { get; init; }
    public bool Palette { get; init; }

    public int EffectiveQuality => Quality ?? Format.DefaultQuality() ?? 100;

    /// <summary>
    /// The options as canonical name/value pairs: defaults filled in, option names as in the contract,
    /// values as the parser reads them back. Options that cannot affect the output are left out.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToFields()
    {
        var fields = new List<KeyValuePair<string, string>> { new("format", Format.Name()) };
        if (Format.DefaultQuality() is not null)
        {
            Add(fields, "quality", EffectiveQuality);
        }
        Add(fields, "width", Width);
        Add(fields, "height", Height);
        Add(fields, "maxWidth", MaxWidth);
        Add(fields, "maxHeight", MaxHeight);
        fields.Add(new("fit", Fit.ToString().ToLowerInvariant()));
        if (Fit == FitMode.Cover)
        {
            fields.Add(new("crop", Crop.ToString().ToLowerInvariant()));
        }
        if (Background is { } background)
        {
            fields.Add(new("background", ConversionOptionsParser.FormatColor(background)));
        }
        fields.Add(Flag("enlarge", Enlarge));
        fields.Add(Flag("lossless", Lossless));
        fields.Add(Flag("keepMetadata", KeepMetadata));
        if (Format == OutputFormat.Jpeg)
        {
            fields.Add(Flag("progressive", Progressive));
        }
        if (Format == OutputFormat.Png)
        {
            Add(fields, "compressionLevel", CompressionLevel);
            fields.Add(Flag("palette", Palette));
        }
        return fields;
    }

    /// <summary>
    /// One canonical text for the options that shape the output: equal requests give equal text,
    /// whatever the order or spelling they arrived in (the result cache keys on it).
    /// </summary>
    public string Normalized() => string.Join(';', ToFields().Select(field => $"{field.Key}={field.Value}"));

    private static void Add(List<KeyValuePair<string, string>> fields, string name, int? value)
    {
        if (value is not null)
        {
            fields.Add(new(name, value.Value.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static KeyValuePair<string, string> Flag(string name, bool value) => new(name, value ? "true" : "false");
}
