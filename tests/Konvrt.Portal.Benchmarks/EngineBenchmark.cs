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
        table.AppendLine("| Task | Tool | Median ms | Images/s (2 workers) | Peak RSS MB, one at a time | Peak RSS MB, 2 workers | Output KB | SSIM |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var task in BenchTask.All)
        {
            foreach (var result in results.Where(r => r.Task == task.Key))
            {
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {task.Title} | {result.Tool} | {Format(result.MedianMs, "0")} | {Format(result.ImagesPerSecond, "0.0")} | {Format(result.PeakRssOneKb / 1024.0, "0")} | {Format(result.PeakRssKb / 1024.0, "0")} | {Format(result.OutputBytes / 1024.0, "0.0")} | {Format(result.Ssim, "0.0000")} |");
                if (result.Note is { } note && result.MedianMs is null)
                {
                    table.AppendLine(CultureInfo.InvariantCulture, $"| | | cannot: {note.Replace("|", "/", StringComparison.Ordinal)} | | | | | |");
                }
            }
        }
        table.AppendLine();
        table.AppendLine("Konvrt ÷ the reference (sharp; vipsthumbnail where sharp cannot). Time, memory and bytes: lower is better; images/s: higher is better.");
        table.AppendLine();
        table.AppendLine("| Task | Reference | Time | Images/s | Peak RSS, one at a time | Peak RSS, 2 workers | Bytes | SSIM − reference's |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var task in BenchTask.All)
        {
            var ours = results.FirstOrDefault(r => r.Task == task.Key && r.Tool == OursRunner.Tool);
            var reference = results.FirstOrDefault(r => r.Task == task.Key && r.Tool == SharpRunner.Tool && r.MedianMs is not null)
                ?? results.FirstOrDefault(r => r.Task == task.Key && r.Tool == VipsRunner.Tool && r.MedianMs is not null);
            if (ours is null || reference is null)
            {
                continue;
            }
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {task.Title} | {reference.Tool} | {Ratio(ours.MedianMs, reference.MedianMs)} | {Ratio(ours.ImagesPerSecond, reference.ImagesPerSecond)} | {Ratio(ours.PeakRssOneKb, reference.PeakRssOneKb)} | {Ratio(ours.PeakRssKb, reference.PeakRssKb)} | {Ratio(ours.OutputBytes, reference.OutputBytes)} | {Format(ours.Ssim - reference.Ssim, "+0.0000;−0.0000")} |");
        }
        return table.ToString();
    }

    private static string Ratio(double? ours, double? reference) =>
        ours is { } o && reference is { } r && r > 0 ? (o / r).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—";

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";
}
