using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;

namespace Konvrt.Portal.Components.Options;

/// <summary>
/// The Custom form's values, by option name, as text: exactly what the API's form would carry. Which fields
/// show and what they accept come from the options' declarations; the values become options through the
/// API's own parser, so the page accepts what the API accepts and explains a refusal in the same words.
/// </summary>
public sealed class CustomOptions
{
    private readonly Dictionary<string, string?> values = ConversionOptionCatalog.All
        .ToDictionary(option => option.Name, option => option.Default, StringComparer.Ordinal);

    public string? this[string name]
    {
        get => values.GetValueOrDefault(name);
        set => values[name] = value;
    }

    /// <summary>Every field's text, to remember the form as it was left.</summary>
    public IReadOnlyDictionary<string, string?> Values => values;

    /// <summary>Fills the fields this form knows from <paramref name="saved"/>; others are ignored (an option since removed).</summary>
    public void Restore(IReadOnlyDictionary<string, string?> saved)
    {
        foreach (var (name, value) in saved)
        {
            if (values.ContainsKey(name))
            {
                values[name] = value;
            }
        }
    }

    /// <summary>A form filled with <paramref name="options"/>' values, to edit them.</summary>
    public static CustomOptions From(ConversionOptions options)
    {
        var form = new CustomOptions();
        foreach (var (name, value) in options.ToFields())
        {
            form[name] = value;
        }
        return form;
    }

    public OutputFormat Format => OutputFormats.TryParse(this[OutputFormats.Option.Name], out var format) ? format : OutputFormat.Webp;

    /// <summary>Whether the option means anything for the chosen format and the other values: only those show, and only those are sent.</summary>
    public bool IsShown(ConversionOption option) => option.AppliesTo(Format) && option.RelevantWhen(name => this[name]);

    /// <summary>The options, or the parser's reasons per field.</summary>
    public (ConversionOptions? Options, IReadOnlyDictionary<string, string[]> Errors) ToOptions()
    {
        try
        {
            return (ConversionOptionsParser.Parse(ConversionOptionCatalog.All
                .Where(IsShown)
                .Select(option => KeyValuePair.Create(option.Name, this[option.Name]))), new Dictionary<string, string[]>());
        }
        catch (InvalidConversionOptionsException invalid)
        {
            return (null, invalid.Errors);
        }
    }
}
