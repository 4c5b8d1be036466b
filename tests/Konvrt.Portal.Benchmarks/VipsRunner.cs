using System.Diagnostics;
using System.Globalization;

namespace Konvrt.Portal.Benchmarks;

/// <summary>
/// Debian's vipsthumbnail, a process per image as it is used; GNU time reports each run's peak memory. Two workers
/// are two processes at a time, so their peak is counted twice.
/// </summary>
internal static class VipsRunner
{
    public const string Tool = "vipsthumbnail";

    public static async Task<ToolResult> RunAsync(BenchTask task, int iterations, string outDirectory)
    {
        var path = Path.Combine(outDirectory, $"{task.Key}.{Tool}.webp");
        string[] Arguments(string output) =>
            ["-f", "%M", "vipsthumbnail", task.InputPath + (task.VipsInput ?? ""), "--size", task.VipsSize, "-o", output + task.VipsOutput];

        async Task<(double Ms, long RssKb)> OnceAsync(string output)
        {
            var watch = Stopwatch.StartNew();
            var (exit, _, error) = await Measure.RunAsync("/usr/bin/time", Arguments(output));
            var ms = watch.Elapsed.TotalMilliseconds;
            if (exit != 0)
            {
                throw new InvalidOperationException(error);
            }
            return (ms, long.Parse(error.Trim().Split('\n')[^1], CultureInfo.InvariantCulture));
        }

        try
        {
            for (var i = 0; i < Measure.WarmUp; i++)
            {
                await OnceAsync(path);
            }
        }
        catch (InvalidOperationException failure)
        {
            return ToolResult.Unsupported(Tool, task.Key, failure.Message.Trim().Split('\n')[0]);
        }
        var runs = new List<(double Ms, long RssKb)>();
        for (var i = 0; i < iterations; i++)
        {
            runs.Add(await OnceAsync(path));
        }
        var perWorker = Math.Max(4, iterations / 2);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < perWorker; i++)
            {
                await OnceAsync(Path.Combine(outDirectory, $"{task.Key}.{Tool}.worker{worker}.webp"));
            }
        })));
        var imagesPerSecond = 2 * perWorker / wall.Elapsed.TotalSeconds;
        return new ToolResult(Tool, task.Key, Measure.Median([.. runs.Select(run => run.Ms)]), imagesPerSecond,
            runs.Max(run => run.RssKb), 2 * runs.Max(run => run.RssKb), new FileInfo(path).Length, path, "a process per image, start-up included");
    }
}
