using System.Globalization;
using Microsoft.JSInterop;

namespace Konvrt.Portal.Components.Display;

/// <summary>
/// The user's time zone, as their browser reports it, so that "today" and the times on a page are theirs.
/// Scoped: asked once per circuit. Until the browser can answer (prerendering) it is UTC.
/// </summary>
public sealed class BrowserTime(IJSRuntime js, ILogger<BrowserTime> logger)
{
    private TimeZoneInfo? zone;

    public async Task<TimeZoneInfo> GetTimeZoneAsync()
    {
        if (zone is not null)
        {
            return zone;
        }
        try
        {
            var id = await js.InvokeAsync<string?>("konvrt.timeZone");
            zone = id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;
        }
        catch (InvalidOperationException)
        {
            // Prerendering: there is no browser to ask yet; the interactive render asks again.
            return TimeZoneInfo.Utc;
        }
        catch (JSException exception)
        {
            logger.LogDebug(exception, "The browser did not tell its time zone");
            zone = TimeZoneInfo.Utc;
        }
        return zone;
    }

    /// <summary>
    /// "2026-11-24 14:05 UTC+1" in the user's zone, labelled with its offset on that day: a time read in a team that
    /// spans zones, or in a screenshot sent to support, says which clock it is on.
    /// </summary>
    public static string Format(DateTimeOffset when, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(when, zone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + OffsetLabel(local.Offset);
    }

    /// <summary>"UTC", "UTC+1", "UTC−5" (a true minus sign), "UTC+5:30".</summary>
    public static string OffsetLabel(TimeSpan offset) => offset == TimeSpan.Zero
        ? "UTC"
        : "UTC" + (offset < TimeSpan.Zero ? "\u2212" : "+") + offset.Duration().Hours.ToString(CultureInfo.InvariantCulture)
            + (offset.Minutes == 0 ? "" : ":" + offset.Duration().Minutes.ToString("00", CultureInfo.InvariantCulture));
}
