using System.ComponentModel.DataAnnotations;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary><c>Conversion:Webp</c>: how hard the WebP encoder works for each byte.</summary>
public sealed class WebpSettings
{
    public const string Section = "Conversion:Webp";

    /// <summary>
    /// libwebp's "method", 0 (fastest) to 6 (smallest); 4 is libwebp's and sharp's default. Measured in
    /// docs/benchmarks.md on a 12 MP photo to 1200 px: 2 takes 143 ms against 204 ms at 4 (10.6 images/s
    /// against 7.6 with two workers) for 3 % more bytes at 0.002 less SSIM; on the alpha PNG +0.7 %.
    /// Set 4 for sharp's bytes exactly.
    /// </summary>
    [Range(0, 6)]
    public int Method { get; set; } = 2;
}
