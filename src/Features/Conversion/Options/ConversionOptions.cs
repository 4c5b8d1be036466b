using SixLabors.ImageSharp.PixelFormats;

namespace Konvrt.Portal.Features.Conversion.Options;

/// <summary>
/// What a caller asks of a conversion, typed for the steps and encoders that apply it. Each property is
/// declared as an option once, by its owner (<see cref="ConversionOptionCatalog"/>).
/// </summary>
public sealed record ConversionOptions
{
    public OutputFormat Format { get; init; } = OutputFormat.Webp;
    public int? Quality { get; init; }
    /// <summary><c>quality=auto</c>: the target the quality is searched for; <see cref="Quality"/> is then unset.</summary>
    public QualityTarget? AutoQuality { get; init; }
    /// <summary>For <c>format=auto</c>: what the caller accepts; null leaves it to the request's Accept header, else every browser's formats.</summary>
    public AcceptedFormats? Accept { get; init; }
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
    /// <summary>
    /// A ceiling on the output's pixels, set by the service rather than asked for (test keys' outputs are at most a
    /// megapixel): the whole geometry shrinks, keeping its shape, until it fits. Not an option anyone can send, so
    /// only the portal itself sets it.
    /// </summary>
    public int? MaxPixels { get; internal init; }

    public int EffectiveQuality => Quality ?? Format.DefaultQuality() ?? 100;

    /// <summary>
    /// The options as canonical name/value pairs: defaults filled in, names as in the contract, values as the
    /// parser reads them back, in the catalog's order. Options that cannot affect the output are left out.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToFields() =>
    [
        .. ConversionOptionCatalog.All
            .Where(option => option.IsRecorded(this))
            .Select(option => (option.Name, Text: option.Write(this)))
            .Where(field => field.Text is not null)
            .Select(field => KeyValuePair.Create(field.Name, field.Text!)),
    ];

    /// <summary>
    /// One canonical text for the options that shape the output: equal requests give equal text,
    /// whatever the order or spelling they arrived in (the result cache keys on it).
    /// </summary>
    public string Normalized() =>
        string.Join(';', ToFields().Select(field => $"{field.Key}={field.Value}")) + (MaxPixels is { } pixels ? $";maxPixels={pixels}" : "");
}
