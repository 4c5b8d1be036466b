using System.Globalization;
using System.Text.Json;

namespace Konvrt.Portal.Benchmarks;

/// <summary>sharp (libvips), installed with npm into a temporary folder on first use and driven by sharp-bench.mjs.</summary>
internal static class SharpRunner
{
    public const string Tool = "sharp";
    public const string Version = "0.34.5";

    public static async Task<string> InstallAsync(string folder)
    {
        if (!File.Exists(Path.Combine(folder, "node_modules", "sharp", "package.json")))
        {
            Directory.CreateDirectory(folder);
            var (exit, _, error) = await Measure.RunAsync("npm", ["install", "--prefix", folder, "--no-audit", "--no-fund", $"sharp@{Version}"]);
            if (exit != 0)
            {
                throw new InvalidOperationException($"npm could not install sharp: {error}");
            }
        }
        var script = Path.Combine(folder, "sharp-bench.mjs");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "sharp-bench.mjs"), script, overwrite: true);
        return script;
    }

    public static async Task<ToolResult> RunAsync(string script, BenchTask task, int iterations, string outDirectory)
    {
        var path = Path.Combine(outDirectory, $"{task.Key}.{Tool}.webp");
        var (exit, output, error) = await Measure.RunAsync("node",
            [script, task.SharpPipeline, task.InputPath, iterations.ToString(CultureInfo.InvariantCulture), path]);
        if (exit != 0)
        {
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var reason = error.Contains("has not been built in", StringComparison.Ordinal)
                ? "its prebuilt libvips has no HEVC decoder"
                : lines.FirstOrDefault(line => line.TrimStart().StartsWith("Error", StringComparison.Ordinal))?.Trim() ?? "failed";
            return ToolResult.Unsupported(Tool, task.Key, reason.Length > 120 ? reason[..120] : reason);
        }
        var measured = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        return new ToolResult(Tool, task.Key, measured.GetProperty("medianMs").GetDouble(), measured.GetProperty("imagesPerSecond").GetDouble(),
            measured.GetProperty("peakRssOneKb").GetInt64(),
            measured.GetProperty("peakRssKb").GetInt64(), measured.GetProperty("outputBytes").GetInt64(), path, null);
    }
}
