using System.Globalization;
using System.Text;

namespace Konvrt.Portal.Benchmarks;

/// <summary>Every task with every tool, one after the other on a quiet machine, then one table.</summary>
internal static class EngineBenchmark
{
    public static async Task<string> RunAsync(int iterations, IReadOnlyCollection<string> only)
    {
        var work = Path.Combine(Path.GetTempPath(), "konvrt-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var sharpScript = await SharpRunner.InstallAsync(Path.Combine(Path.GetTempPath(), "konvrt-bench-sharp"));
        var results = new List<ToolResult>();
        foreach (var task in BenchTask.All.Where(task => only.Count == 0 || only.Contains(task.Key)))
        {
            Console.Error.WriteLine($"{task.Title}…");
            foreach (var run in new Func<Task<ToolResult>>[]
            {
                () => OursRunner.RunAsync(task, iterations, work),
                () => SharpRunner.RunAsync(sharpScript, task, iterations, work),
                () => VipsRunner.RunAsync(task, iterations, work),
            })
            {
                var result = await run();
                results.Add(result with { Ssim = Quality.Ssim(task, result.OutputPath) });
                Console.Error.WriteLine($"  {result.Tool}: {Format(result.MedianMs, "0")} ms");
            }
        }
        return Table(results, iterations);
    }

    private static string Table(IReadOnlyList<ToolResult> results, int iterations)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Median of {iterations} runs after {Measure.WarmUp} warm-up runs; images/s with 2 workers side by side; SSIM of the output against one Lanczos reference per task.");
        table.AppendLine();
        table.AppendLine("| Task | Tool | Median ms | Images/s (2 workers) | Peak RSS MB | Output KB | SSIM | Konvrt ÷ sharp |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var task in BenchTask.All)
        {
            var ours = results.FirstOrDefault(r => r.Task == task.Key && r.Tool == OursRunner.Tool);
            var sharp = results.FirstOrDefault(r => r.Task == task.Key && r.Tool == SharpRunner.Tool);
            foreach (var result in results.Where(r => r.Task == task.Key))
            {
                var ratio = result.Tool == OursRunner.Tool && ours?.MedianMs is { } o && sharp?.MedianMs is { } s ? (o / s).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "";
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {task.Title} | {result.Tool} | {Format(result.MedianMs, "0")} | {Format(result.ImagesPerSecond, "0.0")} | {Format(result.PeakRssKb / 1024.0, "0")} | {Format(result.OutputBytes / 1024.0, "0.0")} | {Format(result.Ssim, "0.0000")} | {ratio} |");
                if (result.Note is { } note && result.MedianMs is null)
                {
                    table.AppendLine(CultureInfo.InvariantCulture, $"| | | cannot: {note.Replace("|", "/", StringComparison.Ordinal)} | | | | | |");
                }
            }
        }
        return table.ToString();
    }

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";
}
