using System.Globalization;
using SixLabors.ImageSharp.PixelFormats;

namespace Konvrt.Portal.Features.Conversion.Options;

public enum OptionKind
{
    WholeNumber,
    Switch,
    Choice,
    Color,
    /// <summary>Written as text the option itself checks (a list of formats); the portal shows a text field.</summary>
    Text,
}

/// <summary>
/// One conversion option, declared once by the step or encoder that applies it: its name in the contract,
/// its type and range or choices, its default, what it does and which output formats it applies to. The
/// parser, the canonical form jobs store, the API's form and OpenAPI schema, the CLI's flags and the portal's
/// Custom form are all read from these declarations (<see cref="ConversionOptionCatalog"/>).
/// </summary>
public abstract class ConversionOption
{
    private protected ConversionOption(string name, string label, string description)
    {
        Name = name;
        Label = label;
        Description = description;
    }

    /// <summary>The name in the API's form, the canonical fields and the portal (<c>maxWidth</c>).</summary>
    public string Name { get; }

    /// <summary>What people call it (<c>Max width</c>).</summary>
    public string Label { get; }

    /// <summary>One or two sentences: what it does, for the docs, the OpenAPI schema and the CLI's help.</summary>
    public string Description { get; }

    public abstract OptionKind Kind { get; }

    /// <summary>The default as the contract writes it; null where there is none (or, see <see cref="DefaultNote"/>, where it depends).</summary>
    public string? Default { get; init; }

    /// <summary>How the default is decided where it is not one value (quality: per format).</summary>
    public string? DefaultNote { get; init; }

    /// <summary>The output formats it applies to; null for every format.</summary>
    public IReadOnlyList<OutputFormat>? Formats { get; init; }

    /// <summary>
    /// Whether the option means anything given the other values (crop only with fit=cover): the portal shows
    /// it only then. Receives a value by option name, as text.
    /// </summary>
    public Func<Func<string, string?>, bool> RelevantWhen { get; init; } = _ => true;

    /// <summary>
    /// Whether the canonical form records it for these options; by default, when it applies to their format
    /// (a default that applies is recorded too, so equal requests read alike).
    /// </summary>
    public Func<ConversionOptions, bool>? RecordedWhen { get; init; }

    public bool IsRecorded(ConversionOptions options) => RecordedWhen?.Invoke(options) ?? AppliesTo(options.Format);

    /// <summary>For options written as free text: the pattern the OpenAPI schema gives for it.</summary>
    public virtual string? Pattern => null;

    /// <summary>The CLI flag: <c>maxWidth</c> is <c>--max-width</c>.</summary>
    public string Flag => "--" + string.Concat(Name.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));

    public bool AppliesTo(OutputFormat format) => Formats is null || Formats.Contains(format);

    /// <summary>Reads a given value into the options, or says why it cannot.</summary>
    internal abstract ConversionOptions Read(ConversionOptions options, string text, Action<string> fail);

    /// <summary>The value as canonical text, or null when it is not set.</summary>
    internal abstract string? Write(ConversionOptions options);
}

/// <summary>An option of one type: how its text reads into a value and writes back; the base does the rest.</summary>
public abstract class TypedOption<TValue> : ConversionOption
{
    private readonly Func<ConversionOptions, TValue> get;
    private readonly Func<ConversionOptions, TValue, ConversionOptions> set;

    private protected TypedOption(string name, string label, string description,
        Func<ConversionOptions, TValue> get, Func<ConversionOptions, TValue, ConversionOptions> set)
        : base(name, label, description)
    {
        this.get = get;
        this.set = set;
    }

    /// <summary>The value the text means, or the reason it means none.</summary>
    private protected abstract (TValue Value, string? Refusal) Parse(string text);

    /// <summary>The value as canonical text; null when it is not set.</summary>
    private protected abstract string? Format(TValue value);

    internal sealed override ConversionOptions Read(ConversionOptions options, string text, Action<string> fail)
    {
        var (value, refusal) = Parse(text);
        if (refusal is not null)
        {
            fail(refusal);
            return options;
        }
        return set(options, value);
    }

    internal sealed override string? Write(ConversionOptions options) => Format(get(options));
}

public sealed class IntegerOption(string name, string label, int min, int max, string description,
    Func<ConversionOptions, int?> get, Func<ConversionOptions, int?, ConversionOptions> set)
    : TypedOption<int?>(name, label, description, get, set)
{
    public int Min { get; } = min;

    public int Max { get; } = max;

    public override OptionKind Kind => OptionKind.WholeNumber;

    private protected override (int?, string?) Parse(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= Min && value <= Max
            ? (value, null)
            : (null, $"'{text}' is not a whole number from {Min} to {Max}.");

    private protected override string? Format(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}

public sealed class BooleanOption : TypedOption<bool>
{
    public BooleanOption(string name, string label, string description,
        Func<ConversionOptions, bool> get, Func<ConversionOptions, bool, ConversionOptions> set)
        : base(name, label, description, get, set) => Default = "false";

    public override OptionKind Kind => OptionKind.Switch;

    private protected override (bool, string?) Parse(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" => (true, null),
        "false" or "0" => (false, null),
        _ => (false, $"'{text}' is not true or false."),
    };

    private protected override string Format(bool value) => value ? "true" : "false";
}

/// <summary>One of a fixed set of values, written in lower case (<c>inside</c>, <c>cover</c>…), with aliases where the contract has them.</summary>
public sealed class ChoiceOption<T>(string name, string label, string description,
    Func<ConversionOptions, T> get, Func<ConversionOptions, T, ConversionOptions> set)
    : TypedOption<T>(name, label, description, get, set), IChoiceOption where T : struct, Enum
{
    public override OptionKind Kind => OptionKind.Choice;

    public IReadOnlyList<string> Choices { get; } = [.. Enum.GetValues<T>().Select(ChoiceText.Of)];

    /// <summary>Other spellings accepted on input (<c>jpg</c> for <c>jpeg</c>).</summary>
    public IReadOnlyDictionary<string, T> Aliases { get; init; } = new Dictionary<string, T>();

    /// <summary>What people read for each choice in the portal; the choice itself where none is given.</summary>
    public IReadOnlyDictionary<string, string> ChoiceLabels { get; init; } = new Dictionary<string, string>();

    public string LabelOf(string choice) => ChoiceLabels.TryGetValue(choice, out var label) ? label : choice;

    private protected override (T, string?) Parse(string text)
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (ChoiceText.Of(value).Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                return (value, null);
            }
        }
        foreach (var (alias, value) in Aliases)
        {
            if (alias.Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                return (value, null);
            }
        }
        return (default, $"'{text}' is not one of {string.Join(", ", Choices.SkipLast(1))} or {Choices[^1]}.");
    }

    private protected override string Format(T value) => ChoiceText.Of(value);
}

/// <summary>How a choice is written: its name in lower case.</summary>
public static class ChoiceText
{
    public static string Of<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}

/// <summary>What the portal and the OpenAPI schema need of a choice, whatever its enum.</summary>
public interface IChoiceOption
{
    IReadOnlyList<string> Choices { get; }

    string LabelOf(string choice);
}

public sealed class ColorOption(string name, string label, string description,
    Func<ConversionOptions, Rgb24?> get, Func<ConversionOptions, Rgb24?, ConversionOptions> set)
    : TypedOption<Rgb24?>(name, label, description, get, set)
{
    public override OptionKind Kind => OptionKind.Color;

    public override string Pattern => "^#[0-9a-fA-F]{6}$";

    public static string Format(Rgb24 color) => $"#{color.R:x2}{color.G:x2}{color.B:x2}";

    private protected override (Rgb24?, string?) Parse(string text) =>
        text.Length == 7 && text[0] == '#' && uint.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb)
            ? (new Rgb24((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb), null)
            : (null, $"'{text}' is not a colour written as #rrggbb.");

    private protected override string? Format(Rgb24? value) => value is { } color ? Format(color) : null;
}
