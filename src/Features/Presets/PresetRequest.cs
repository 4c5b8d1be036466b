using System.Text.Json;

namespace Konvrt.Portal.Features.Presets;

/// <summary>
/// A preset as the API receives it: <c>options</c> for a one-output preset, or <c>outputs</c>, each
/// <c>{ "name": "thumb", "preset": "thumbnail", "path": "…", &lt;any conversion option&gt; }</c>. Values stay JSON
/// until the option declarations read them, so each wrong one is reported by name.
/// </summary>
public sealed record PresetRequest(
    string? Name,
    string? Description,
    Dictionary<string, JsonElement>? Options,
    IReadOnlyList<Dictionary<string, JsonElement>?>? Outputs);
