using System.Globalization;
using SixLabors.ImageSharp.PixelFormats;

namespace Konvrt.Portal.Features.Conversion.Options;

public enum OptionKind
{
    WholeNumber,
    Switch,
    Choice,
    Color,
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

    /// <summary>The CLI flag: <c>maxWidth</c> is <c>--max-width</c>.</summary>
    public string Flag => "--" + string.Concat(Name.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));

    public bool AppliesTo(OutputFormat format) => Formats is null || Formats.Contains(format);

    /// <summary>Reads a given value into the options, or says why it cannot.</summary>
    internal abstract ConversionOptions Read(ConversionOptions options, string text, Action<string> fail);

    /// <summary>The value as canonical text, or null when it is not set.</summary>
    internal abstract string? Write(ConversionOptions options);
}

public sealed class IntegerOption : ConversionOption
{
    private readonly Func<ConversionOptions, int?> get;
    private readonly Func<ConversionOptions, int?, ConversionOptions> set;

    public IntegerOption(string name, string label, int min, int max, string description,
        Func<ConversionOptions, int?> get, Func<ConversionOptions, int?, ConversionOptions> set)
        : base(name, label, description)
    {
        Min = min;
        Max = max;
        this.get = get;
        this.set = set;
    }

    public int Min { get; }

    public int Max { get; }

    public override OptionKind Kind => OptionKind.WholeNumber;

    internal override ConversionOptions Read(ConversionOptions options, string text, Action<string> fail)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= Min && value <= Max)
        {
            return set(options, value);
        }
        fail($"'{text}' is not a whole number from {Min} to {Max}.");
        return options;
    }

    internal override string? Write(ConversionOptions options) => get(options)?.ToString(CultureInfo.InvariantCulture);
}

public sealed class BooleanOption : ConversionOption
{
    private readonly Func<ConversionOptions, bool> get;
    private readonly Func<ConversionOptions, bool, ConversionOptions> set;

    public BooleanOption(string name, string label, string description,
        Func<ConversionOptions, bool> get, Func<ConversionOptions, bool, ConversionOptions> set)
        : base(name, label, description)
    {
        this.get = get;
        this.set = set;
        Default = "false";
    }

    public override OptionKind Kind => OptionKind.Switch;

    internal override ConversionOptions Read(ConversionOptions options, string text, Action<string> fail)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "1":
                return set(options, true);
            case "false" or "0":
                return set(options, false);
            default:
                fail($"'{text}' is not true or false.");
                return options;
        }
    }

    internal override string Write(ConversionOptions options) => get(options) ? "true" : "false";
}

/// <summary>One of a fixed set of values, written in lower case (<c>inside</c>, <c>cover</c>…), with aliases where the contract has them.</summary>
public sealed class ChoiceOption<T> : ConversionOption, IChoiceOption where T : struct, Enum
{
    private readonly Func<ConversionOptions, T> get;
    private readonly Func<ConversionOptions, T, ConversionOptions> set;

    public ChoiceOption(string name, string label, string description,
        Func<ConversionOptions, T> get, Func<ConversionOptions, T, ConversionOptions> set)
        : base(name, label, description)
    {
        this.get = get;
        this.set = set;
    }

    public override OptionKind Kind => OptionKind.Choice;

    public IReadOnlyList<string> Choices { get; } = [.. Enum.GetValues<T>().Select(ChoiceText.Of)];

    /// <summary>Other spellings accepted on input (<c>jpg</c> for <c>jpeg</c>).</summary>
    public IReadOnlyDictionary<string, T> Aliases { get; init; } = new Dictionary<string, T>();

    /// <summary>What people read for each choice in the portal; the choice itself where none is given.</summary>
    public IReadOnlyDictionary<string, string> ChoiceLabels { get; init; } = new Dictionary<string, string>();

    public string LabelOf(string choice) => ChoiceLabels.TryGetValue(choice, out var label) ? label : choice;

    internal override ConversionOptions Read(ConversionOptions options, string text, Action<string> fail)
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (ChoiceText.Of(value).Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                return set(options, value);
            }
        }
        if (Aliases.FirstOrDefault(alias => alias.Key.Equals(text, StringComparison.OrdinalIgnoreCase)) is { Key: not null } aliased)
        {
            return set(options, aliased.Value);
        }
        fail($"'{text}' is not one of {string.Join(", ", Choices.SkipLast(1))} or {Choices[^1]}.");
        return options;
    }

    internal override string Write(ConversionOptions options) => ChoiceText.Of(get(options));
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

public sealed class ColorOption : ConversionOption
{
    private readonly Func<ConversionOptions, Rgb24?> get;
    private readonly Func<ConversionOptions, Rgb24?, ConversionOptions> set;

    public ColorOption(string name, string label, string description,
        Func<ConversionOptions, Rgb24?> get,
        Func<ConversionOptions, Rgb24?, ConversionOptions> set)
        : base(name, label, description)
    {
        this.get = get;
        this.set = set;
    }

    public override OptionKind Kind => OptionKind.Color;

    public static string Format(Rgb24 color) => $"#{color.R:x2}{color.G:x2}{color.B:x2}";

    internal override ConversionOptions Read(ConversionOptions options, string text, Action<string> fail)
    {
        if (text.Length == 7 && text[0] == '#'
            && uint.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            return set(options, new Rgb24((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb));
        }
        fail($"'{text}' is not a colour written as #rrggbb.");
        return options;
    }

    internal override string? Write(ConversionOptions options) => get(options) is { } color ? Format(color) : null;
}
