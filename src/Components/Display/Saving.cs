using System.Globalization;

namespace Konvrt.Portal.Components.Display;

/// <summary>
/// How much smaller an output is than its input, as Squoosh shows it: "−99.6 %", or "+12.0 %" when it grew.
/// One decimal, never rounded to a "100 %" that would claim the file vanished.
/// </summary>
public static class Saving
{
    /// <summary>The change in percent of the input: negative when smaller; null without both sizes.</summary>
    public static double? Percent(long inputBytes, long? outputBytes) =>
        inputBytes > 0 && outputBytes is { } output ? (output - inputBytes) * 100.0 / inputBytes : null;

    /// <summary>"−99.6 %" (a true minus sign), "+12.0 %", or "" when unknown.</summary>
    public static string Format(double? change) => change switch
    {
        null => "",
        < 0 => string.Create(CultureInfo.InvariantCulture, $"\u2212{Math.Min(99.9, Math.Round(-change.Value, 1)):0.0} %"),
        _ => string.Create(CultureInfo.InvariantCulture, $"+{Math.Round(change.Value, 1):0.0} %"),
    };

    /// <summary>The same in words, for a screen reader and a tooltip: "99.6 % smaller".</summary>
    public static string Describe(double? change) => change switch
    {
        null => "",
        < 0 => string.Create(CultureInfo.InvariantCulture, $"{Math.Min(99.9, Math.Round(-change.Value, 1)):0.0} % smaller"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(change.Value, 1):0.0} % larger"),
    };
}
