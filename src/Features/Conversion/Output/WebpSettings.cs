using System.ComponentModel.DataAnnotations;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary><c>Conversion:Webp</c>: how hard the WebP encoder works for each byte.</summary>
public sealed class WebpSettings
{
    public const string Section = "Conversion:Webp";

    /// <summary>
    /// libwebp's "method", 0 (fastest) to 6 (smallest); 4 is libwebp's and sharp's default. Measured in
    /// docs/benchmarks.md: on the alpha PNG, 2 is 1.6× faster than 4 for +0.7 % bytes.
    /// </summary>
    [Range(0, 6)]
    public int Method { get; set; } = 4;
}
