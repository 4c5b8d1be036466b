using System.Globalization;
using SixLabors.ImageSharp.PixelFormats;

namespace Konvrt.Portal.Features.Conversion.Options;

/// <summary>
/// Reads the options from name/value pairs (form fields, query strings, CLI flags). Names match without
/// regard to case; an empty value counts as not given. Everything wrong is reported in one
/// <see cref="InvalidConversionOptionsException"/>, never only the first problem.
/// </summary>
public static class ConversionOptionsParser
{
    /// <summary>WebP's own limit, and far beyond any sensible web image.</summary>
    public const int MaxDimension = 16383;

    public static IReadOnlyList<string> Names { get; } =
    [
        "format", "quality", "width", "height", "maxWidth", "maxHeight", "fit", "crop", "background",
        "enlarge", "lossless", "keepMetadata", "progressive", "compressionLevel", "palette",
    ];

    public static ConversionOptions Parse(IEnumerable<KeyValuePair<string, string?>> fields)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string name, string reason) => (errors.TryGetValue(name, out var list) ? list : errors[name] = []).Add(reason);

        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            var name = Names.FirstOrDefault(known => known.Equals(key, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                Fail(key, $"is not a conversion option; the options are {string.Join(", ", Names)}.");
            }
            else if (given.ContainsKey(name))
            {
                Fail(name, "is given more than once.");
            }
            else if (!string.IsNullOrWhiteSpace(value))
            {
                given[name] = value.Trim();
            }
        }

        var reader = new FieldReader(given, Fail);
        var format = reader.Format("format");
        var options = new ConversionOptions
        {
            Format = format ?? OutputFormat.Webp,
            Quality = reader.Integer("quality", 1, 100),
            Width = reader.Integer("width", 1, MaxDimension),
            Height = reader.Integer("height", 1, MaxDimension),
            MaxWidth = reader.Integer("maxWidth", 1, MaxDimension),
            MaxHeight = reader.Integer("maxHeight", 1, MaxDimension),
            Fit = reader.Choice<FitMode>("fit") ?? FitMode.Inside,
            Crop = reader.Choice<CropGravity>("crop") ?? CropGravity.Center,
            Background = reader.Color("background"),
            Enlarge = reader.Boolean("enlarge"),
            Lossless = reader.Boolean("lossless"),
            KeepMetadata = reader.Boolean("keepMetadata"),
            Progressive = reader.Boolean("progressive"),
            CompressionLevel = reader.Integer("compressionLevel", 1, 9),
            Palette = reader.Boolean("palette"),
        };

        var hasBox = options.Width is not null && options.Height is not null;
        if (given.ContainsKey("crop"))
        {
            if (!hasBox)
            {
                Fail("crop", "needs both width and height (crop with width and height means fit=cover).");
            }
            else if (given.ContainsKey("fit") && options.Fit != FitMode.Cover)
            {
                Fail("crop", $"applies to fit=cover only, not fit={options.Fit.ToString().ToLowerInvariant()}.");
            }
            options = options with { Fit = FitMode.Cover };
        }
        if (options.Fit is not FitMode.Inside && !hasBox)
        {
            Fail("fit", $"fit={options.Fit.ToString().ToLowerInvariant()} needs both width and height.");
        }
        if (options.Lossless && options.Format is not (OutputFormat.Webp or OutputFormat.Png))
        {
            Fail("lossless", $"applies to webp (and png, which is always lossless), not {options.Format.Name()}.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidConversionOptionsException(errors.ToDictionary(error => error.Key, error => error.Value.ToArray()));
        }
        return options;
    }

    public static string FormatColor(Rgb24 color) => $"#{color.R:x2}{color.G:x2}{color.B:x2}";

    private sealed class FieldReader(Dictionary<string, string> given, Action<string, string> fail)
    {
        public OutputFormat? Format(string name)
        {
            if (!given.TryGetValue(name, out var text))
            {
                return null;
            }
            if (OutputFormats.TryParse(text, out var format))
            {
                return format;
            }
            fail(name, $"'{text}' is not an output format; use webp, jpeg, png, gif or avif.");
            return null;
        }

        public int? Integer(string name, int min, int max)
        {
            if (!given.TryGetValue(name, out var text))
            {
                return null;
            }
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }
            fail(name, $"'{text}' is not a whole number from {min} to {max}.");
            return null;
        }

        public bool Boolean(string name)
        {
            if (!given.TryGetValue(name, out var text))
            {
                return false;
            }
            switch (text.ToLowerInvariant())
            {
                case "true" or "1":
                    return true;
                case "false" or "0":
                    return false;
                default:
                    fail(name, $"'{text}' is not true or false.");
                    return false;
            }
        }

        public T? Choice<T>(string name) where T : struct, Enum
        {
            if (!given.TryGetValue(name, out var text))
            {
                return null;
            }
            var match = Enum.GetValues<T>().FirstOrDefault(value => value.ToString().Equals(text, StringComparison.OrdinalIgnoreCase));
            if (match.ToString().Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                return match;
            }
            var choices = string.Join(", ", Enum.GetNames<T>().Select(choice => choice.ToLowerInvariant()));
            fail(name, $"'{text}' is not one of {choices}.");
            return null;
        }

        public Rgb24? Color(string name)
        {
            if (!given.TryGetValue(name, out var text))
            {
                return null;
            }
            if (text.Length == 7 && text[0] == '#'
                && uint.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
            {
                return new Rgb24((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
            }
            fail(name, $"'{text}' is not a colour written as #rrggbb.");
            return null;
        }
    }
}
