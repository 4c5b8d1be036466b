using System.ComponentModel.DataAnnotations;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary><c>Conversion:Webp</c>: how hard the WebP encoder works for each byte.</summary>
public sealed class WebpSettings
{
    public const string Section = "Conversion:Webp";

    /// <summary>
    /// The encoder's "method", 0 (fastest) to 6 (smallest). ImageSharp's default is 4. Measured on a
    /// 12 MP photo to 1200 px at q80 (docs/benchmarks.md): 4 takes 297 ms, 3 takes 241 ms, 2 takes 114 ms
    /// for 3 % more bytes and 0.002 less SSIM. ImageSharp's levels 3 and up add the slow rate-distortion search.
    /// </summary>
    [Range(0, 6)]
    public int Method { get; set; } = 2;
}
