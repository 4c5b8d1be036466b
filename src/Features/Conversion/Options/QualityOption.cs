using System.Globalization;

namespace Konvrt.Portal.Features.Conversion.Options;

/// <summary>How close to the finished pixels <c>quality=auto</c> keeps the output (<c>Output.QualitySearch</c>).</summary>
public enum QualityTarget
{
    High,
    Good,
    Eco,
}

/// <summary>A quality: a number, or a target for <c>auto</c> to search for.</summary>
public readonly record struct QualitySetting(int? Number, QualityTarget? Auto);

/// <summary>A whole number in a range, or <c>auto</c> with an optional target (<c>auto:high</c>).</summary>
public sealed class QualityOption(string name, string label, int min, int max, string description,
    Func<ConversionOptions, QualitySetting> get, Func<ConversionOptions, QualitySetting, ConversionOptions> set)
    : TypedOption<QualitySetting>(name, label, description, get, set)
{
    private const string Auto = "auto";

    public int Min { get; } = min;

    public int Max { get; } = max;

    /// <summary>The words besides numbers, as the contract writes them.</summary>
    public IReadOnlyList<string> Words { get; } = [Auto, .. Enum.GetValues<QualityTarget>().Select(target => $"{Auto}:{ChoiceText.Of(target)}")];

    public override OptionKind Kind => OptionKind.WholeNumber;

    private protected override (QualitySetting, string?) Parse(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= Min && number <= Max)
        {
            return (new QualitySetting(number, null), null);
        }
        if (text.Equals(Auto, StringComparison.OrdinalIgnoreCase))
        {
            return (new QualitySetting(null, QualityTarget.Good), null);
        }
        foreach (var target in Enum.GetValues<QualityTarget>())
        {
            if (text.Equals($"{Auto}:{ChoiceText.Of(target)}", StringComparison.OrdinalIgnoreCase))
            {
                return (new QualitySetting(null, target), null);
            }
        }
        return (default, $"'{text}' is not a whole number from {Min} to {Max}, nor {string.Join(", ", Words)}.");
    }

    private protected override string? Format(QualitySetting value) => value switch
    {
        { Auto: QualityTarget.Good } => Auto,
        { Auto: { } target } => $"{Auto}:{ChoiceText.Of(target)}",
        { Number: { } number } => number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
