namespace Konvrt.Portal.Features.Presets;

/// <summary>A preset as its users see it: built in or the workspace's own, one output or several.</summary>
public sealed record PresetView(string Name, string? Description, IReadOnlyList<OutputDefinition> Outputs, bool BuiltIn)
{
    public bool IsSingle => Outputs.Count == 1;
}
