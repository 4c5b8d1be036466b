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

    /// <summary>"2026-11-24 14:05" in the user's zone.</summary>
    public static string Format(DateTimeOffset when, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(when, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
