using System.Globalization;
using System.Text;
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
    /// One canonical text for the options that shape the output: equal requests give equal text,
    /// whatever the order or spelling they arrived in (the result cache keys on it).
    /// </summary>
    public string Normalized()
    {
        var text = new StringBuilder();
        text.Append("format=").Append(Format.Name());
        if (Format.DefaultQuality() is not null)
        {
            text.Append(";quality=").Append(EffectiveQuality);
        }
        Append(text, "width", Width);
        Append(text, "height", Height);
        Append(text, "maxWidth", MaxWidth);
        Append(text, "maxHeight", MaxHeight);
        text.Append(";fit=").Append(Fit.ToString().ToLowerInvariant());
        if (Fit == FitMode.Cover)
        {
            text.Append(";crop=").Append(Crop.ToString().ToLowerInvariant());
        }
        if (Background is { } background)
        {
            text.Append(";background=").Append(ConversionOptionsParser.FormatColor(background));
        }
        text.Append(";enlarge=").Append(Enlarge ? '1' : '0');
        text.Append(";lossless=").Append(Lossless ? '1' : '0');
        text.Append(";keepMetadata=").Append(KeepMetadata ? '1' : '0');
        if (Format == OutputFormat.Jpeg)
        {
            text.Append(";progressive=").Append(Progressive ? '1' : '0');
        }
        if (Format == OutputFormat.Png)
        {
            Append(text, "compressionLevel", CompressionLevel);
            text.Append(";palette=").Append(Palette ? '1' : '0');
        }
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, int? value)
    {
        if (value is not null)
        {
            text.Append(';').Append(name).Append('=').Append(value.Value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
