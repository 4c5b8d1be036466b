namespace Konvrt.Portal.Features.Conversion.Options;

/// <summary>The formats a caller of <c>format=auto</c> can show.</summary>
[Flags]
public enum AcceptedFormats
{
    None = 0,
    Webp = 1,
    Jpeg = 2,
    Png = 4,
    Gif = 8,
    Avif = 16,
}

/// <summary>Each listable output format's flag.</summary>
public static class AcceptedFormatFlags
{
    public static AcceptedFormats AcceptedFlag(this OutputFormat format) => format switch
    {
        OutputFormat.Webp => AcceptedFormats.Webp,
        OutputFormat.Jpeg => AcceptedFormats.Jpeg,
        OutputFormat.Png => AcceptedFormats.Png,
        OutputFormat.Gif => AcceptedFormats.Gif,
        OutputFormat.Avif => AcceptedFormats.Avif,
        _ => AcceptedFormats.None,
    };
}

/// <summary>A comma-separated list of output formats (<c>avif,webp,jpeg</c>), written back in a fixed order.</summary>
public sealed class FormatListOption(string name, string label, string description,
    Func<ConversionOptions, AcceptedFormats?> get, Func<ConversionOptions, AcceptedFormats?, ConversionOptions> set)
    : TypedOption<AcceptedFormats?>(name, label, description, get, set)
{
    private static readonly OutputFormat[] Listable = [OutputFormat.Avif, OutputFormat.Webp, OutputFormat.Jpeg, OutputFormat.Png, OutputFormat.Gif];

    public override OptionKind Kind => OptionKind.Text;

    public override string Pattern => "^(avif|webp|jpeg|jpg|png|gif)(,(avif|webp|jpeg|jpg|png|gif))*$";

    private protected override (AcceptedFormats?, string?) Parse(string text)
    {
        var accepted = AcceptedFormats.None;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!OutputFormats.TryParse(part, out var format) || format.AcceptedFlag() == AcceptedFormats.None)
            {
                return (null, $"'{part}' is not one of avif, webp, jpeg, png or gif.");
            }
            accepted |= format.AcceptedFlag();
        }
        return accepted == AcceptedFormats.None ? (null, "names no format.") : (accepted, null);
    }

    private protected override string? Format(AcceptedFormats? value) => value is { } accepted
        ? string.Join(",", Names(accepted))
        : null;

    /// <summary>For people: "AVIF, WEBP or JPEG".</summary>
    public static string Describe(AcceptedFormats accepted)
    {
        var names = Names(accepted).Select(name => name.ToUpperInvariant()).ToList();
        return names.Count == 1 ? names[0] : $"{string.Join(", ", names.SkipLast(1))} or {names[^1]}";
    }

    private static IEnumerable<string> Names(AcceptedFormats accepted) =>
        Listable.Where(format => accepted.HasFlag(format.AcceptedFlag())).Select(format => format.Name());
}
