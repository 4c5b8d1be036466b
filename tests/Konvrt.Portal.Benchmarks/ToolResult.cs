namespace Konvrt.Portal.Benchmarks;

/// <summary>What one tool measured on one task; null fields are what the tool cannot do.</summary>
internal sealed record ToolResult(
    string Tool,
    string Task,
    double? MedianMs,
    double? ImagesPerSecond,
    long? PeakRssKb,
    long? OutputBytes,
    string? OutputPath,
    string? Note)
{
    public double? Ssim { get; init; }

    public static ToolResult Unsupported(string tool, string task, string why) => new(tool, task, null, null, null, null, null, why);
}
