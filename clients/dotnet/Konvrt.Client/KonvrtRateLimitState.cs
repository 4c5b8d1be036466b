using System.Globalization;

namespace Konvrt.Client;

/// <summary>The IETF <c>RateLimit</c> header of one answer: <c>r</c> requests left, <c>t</c> seconds until one more frees up.</summary>
public sealed record KonvrtRateLimitState(int Remaining, TimeSpan Reset, DateTimeOffset SeenAt)
{
    /// <summary>When the next request may go without being refused.</summary>
    public DateTimeOffset NextAllowedAt => Remaining > 0 ? SeenAt : SeenAt + Reset;

    internal static KonvrtRateLimitState? TryParse(string? header, DateTimeOffset now)
    {
        int? remaining = null, reset = null;
        foreach (var part in (header ?? "").Split(';', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("r=", StringComparison.Ordinal) && int.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var r))
            {
                remaining = r;
            }
            else if (part.StartsWith("t=", StringComparison.Ordinal) && int.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                reset = t;
            }
        }
        return remaining is { } left && reset is { } seconds ? new KonvrtRateLimitState(left, TimeSpan.FromSeconds(seconds), now) : null;
    }
}
