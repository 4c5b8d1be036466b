namespace Konvrt.Portal.Benchmarks;

/// <summary>
/// What one tool measured on one task; null fields are what the tool cannot do. Peak memory twice: after the
/// conversions one at a time, and after the two workers side by side.
/// </summary>
internal sealed record ToolResult(
    string Tool,
    string Task,
    double? MedianMs,
    double? ImagesPerSecond,
    long? PeakRssOneKb,
    long? PeakRssKb,
    long? OutputBytes,
    string? OutputPath,
    string? Note)
{
    public double? Ssim { get; init; }

    public static ToolResult Unsupported(string tool, string task, string why) => new(tool, task, null, null, null, null, null, null, why);
}
