using System.ComponentModel.DataAnnotations;

namespace Konvrt.Portal.Features.Conversion;

/// <summary><c>Conversion:Limits</c>: what one upload may demand of the server.</summary>
public sealed class ConversionLimits
{
    public const string Section = "Conversion:Limits";

    [Range(1, long.MaxValue)]
    public long MaxInputBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>50 MP by default: a 48 MP phone photo passes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixelsPerFrame { get; set; } = 50_000_000;

    [Range(1, int.MaxValue)]
    public int MaxFrames { get; set; } = 500;

    /// <summary>Width × height × frames of an animation.</summary>
    [Range(1, long.MaxValue)]
    public long MaxTotalPixels { get; set; } = 200_000_000;

    /// <summary>Cap on what the engine's image buffers may hold at once, over all conversions in flight.</summary>
    [Range(16, int.MaxValue)]
    public int MaxMemoryMegabytes { get; set; } = 2048;
}
