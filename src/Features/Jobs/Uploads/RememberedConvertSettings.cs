using System.Text.Json;
using Microsoft.JSInterop;

namespace Konvrt.Portal.Features.Jobs.Uploads;

/// <summary>The Convert page's options as the user last left them: a preset's name, and the Custom form's fields.</summary>
public sealed record ConvertSettings(string Preset, IReadOnlyDictionary<string, string?> Custom);

/// <summary>
/// Keeps the last <see cref="ConvertSettings"/> in the browser's local storage (as Squoosh does): they belong to
/// the device one works on, and need no round trip to the database on every change.
/// </summary>
public sealed class RememberedConvertSettings(IJSRuntime js, ILogger<RememberedConvertSettings> logger)
{
    private const string Key = "konvrt.convert-settings";

    public async Task<ConvertSettings?> LoadAsync()
    {
        try
        {
            return await js.InvokeAsync<string?>("konvrt.load", Key) is { Length: > 0 } json
                ? JsonSerializer.Deserialize<ConvertSettings>(json, JsonSerializerOptions.Web)
                : null;
        }
        catch (Exception exception) when (exception is JsonException or JSException or JSDisconnectedException or InvalidOperationException)
        {
            // Settings a former version wrote, or a browser that refuses storage: start from the defaults.
            logger.LogDebug(exception, "The remembered convert settings could not be read");
            return null;
        }
    }

    public async Task SaveAsync(ConvertSettings settings)
    {
        try
        {
            await js.InvokeVoidAsync("konvrt.save", Key, JsonSerializer.Serialize(settings, JsonSerializerOptions.Web));
        }
        catch (Exception exception) when (exception is JSException or JSDisconnectedException or InvalidOperationException)
        {
            logger.LogDebug(exception, "The convert settings could not be remembered");
        }
    }
}
