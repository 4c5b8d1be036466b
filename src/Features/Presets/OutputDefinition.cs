using Konvrt.Portal.Features.Conversion.Options;

namespace Konvrt.Portal.Features.Presets;

/// <summary>
/// One output asked of a source: its name (how it is downloaded and reported), the options that make it, and where
/// it is stored in the workspace's own bucket (a key template such as <c>products/{productId}/main.webp</c>).
/// </summary>
public sealed record OutputDefinition(string Name, ConversionOptions Options, string? Path = null)
{
    /// <summary>The name of the only output when a request asks for one without naming it.</summary>
    public const string DefaultName = "main";

    public const int MaxOutputs = 10;

    /// <summary>Names are part of download URLs and storage keys: short, lower-case, no separators.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 40 && name.All(character => character is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
