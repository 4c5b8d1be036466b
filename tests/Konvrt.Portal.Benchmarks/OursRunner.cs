using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.Benchmarks;

/// <summary>Konvrt's engine, in a process of its own per task so that its peak memory is the task's alone.</summary>
internal static class OursRunner
{
    public const string Tool = "konvrt";
    public const string WorkerVerb = "ours-worker";

    public static async Task<ToolResult> RunAsync(BenchTask task, int iterations, string outDirectory)
    {
        var self = typeof(OursRunner).Assembly.Location;
        // As README tells self-hosters to run the portal: two glibc arenas (see NativeHeap).
        var (exit, output, error) = await Measure.RunAsync("dotnet", [self, WorkerVerb, task.Key, iterations.ToString(CultureInfo.InvariantCulture), outDirectory],
            environment: new Dictionary<string, string> { ["MALLOC_ARENA_MAX"] = "2" });
        if (exit != 0)
        {
            throw new InvalidOperationException($"The Konvrt worker failed on {task.Key}: {error}");
        }
        return JsonSerializer.Deserialize<ToolResult>(output.Trim().Split('\n')[^1])!;
    }

    /// <summary>Runs in the worker process: warm up, time each conversion, then two workers side by side.</summary>
    public static async Task<ToolResult> MeasureHereAsync(BenchTask task, int iterations, string outDirectory)
    {
        await using var services = new ServiceCollection().AddLogging().AddConversionEngine(new ConfigurationBuilder().AddEnvironmentVariables().Build()).BuildServiceProvider();
        var converter = services.GetRequiredService<ImageConverter>();
        var options = ConversionOptionsParser.Parse(task.Options.Select(option => KeyValuePair.Create(option.Name, (string?)option.Value)));
        var input = await File.ReadAllBytesAsync(task.InputPath);

        async Task<byte[]> ConvertOnceAsync()
        {
            using var source = new MemoryStream(input, writable: false);
            using var destination = new MemoryStream();
            await converter.ConvertAsync(source, options, destination);
            return destination.ToArray();
        }

        for (var i = 0; i < Measure.WarmUp; i++)
        {
            await ConvertOnceAsync();
        }
        var times = new List<double>();
        var output = Array.Empty<byte>();
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            output = await ConvertOnceAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var peakOneAtATime = Measure.PeakRssKb();

        var perWorker = Math.Max(4, iterations / 2);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < perWorker; i++)
            {
                await ConvertOnceAsync();
            }
        })));
        var imagesPerSecond = 2 * perWorker / wall.Elapsed.TotalSeconds;

        var path = Path.Combine(outDirectory, $"{task.Key}.{Tool}.webp");
        await File.WriteAllBytesAsync(path, output);
        return new ToolResult(Tool, task.Key, Measure.Median(times), imagesPerSecond, peakOneAtATime, Measure.PeakRssKb(), output.Length, path, null);
    }
}
