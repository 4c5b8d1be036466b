namespace Konvrt.Portal.Features.Presets;

/// <summary>A preset as the API shows it: every output's canonical fields; a one-output preset's options also as <c>options</c>.</summary>
public sealed record PresetResponse(
    string Name, string? Description, bool BuiltIn, IReadOnlyList<Dictionary<string, object?>> Outputs, Dictionary<string, string>? Options)
{
    public static PresetResponse From(PresetView preset) => new(
        preset.Name,
        preset.Description,
        preset.BuiltIn,
        [.. preset.Outputs.Select(OutputDefinitions.ToJson)],
        preset.IsSingle && preset.Outputs[0].Path is null
            ? preset.Outputs[0].Options.ToFields().ToDictionary(field => field.Key, field => field.Value)
            : null);
}
