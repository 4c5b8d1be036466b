using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace Konvrt.Portal.Benchmarks;

/// <summary>
/// What one call for the whole pipeline buys: two outputs of one 12 MP JPEG (web 1200 + thumbnail 300) against one
/// output, in the engine and in sharp in the same run; and a batch of 20 small files in one request against 20
/// single requests, against the portal as a process.
/// </summary>
internal static class PipelineBenchmark
{
    private static readonly ConversionOptions Web = Parse(("format", "webp"), ("quality", "80"), ("maxWidth", "1200"));
    private static readonly ConversionOptions Thumb = Parse(("format", "webp"), ("quality", "70"), ("maxWidth", "300"));

    public static async Task<string> RunAsync(int iterations, int rounds)
    {
        var report = new StringBuilder();
        report.AppendLine(await OutputsAsync(iterations));
        report.AppendLine(await BatchAsync(rounds));
        return report.ToString();
    }

    private static async Task<string> OutputsAsync(int iterations)
    {
        var photo = Path.Combine(AppContext.BaseDirectory, "TestImages", "photo1_olympus-ep3_4032x3024.jpg");
        var input = await File.ReadAllBytesAsync(photo);
        await using var services = new ServiceCollection().AddLogging().AddConversionEngine(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var converter = services.GetRequiredService<ImageConverter>();

        var one = await MedianMsAsync(iterations, () => converter.ConvertAsync(new MemoryStream(input), Web, Stream.Null));
        var two = await MedianMsAsync(iterations, () => converter.ConvertManyAsync(new MemoryStream(input), [Web, Thumb],
            (_, encode, ct) => encode(Stream.Null, ct), onStage: null, CancellationToken.None));
        var separately = await MedianMsAsync(iterations, async () =>
        {
            await converter.ConvertAsync(new MemoryStream(input), Web, Stream.Null);
            await converter.ConvertAsync(new MemoryStream(input), Thumb, Stream.Null);
        });

        var sharpFolder = Path.Combine(Path.GetTempPath(), "konvrt-bench-sharp");
        var script = await SharpRunner.InstallAsync(sharpFolder);
        var sharpOne = await SharpMedianAsync(script, "resize1200q80", photo, iterations);
        var sharpTwo = await SharpMedianAsync(script, "web1200thumb300", photo, iterations);
        var sharpThumb = await SharpMedianAsync(script, "resize300q70", photo, iterations);

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"### Two outputs of one 12 MP JPEG (median of {iterations} after {Measure.WarmUp} warm-ups, one process)");
        table.AppendLine();
        table.AppendLine("| Tool | Web 1200 alone, ms | Web 1200 + thumbnail 300 from one decode, ms | The two as separate conversions, ms | Two ÷ one |");
        table.AppendLine("|---|---:|---:|---:|---:|");
        table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| konvrt | {one:0} | {two:0} | {separately:0} | {two / one:0.00}× |"));
        table.AppendLine(sharpOne is { } s1 && sharpTwo is { } s2 && sharpThumb is { } s3
            ? string.Create(CultureInfo.InvariantCulture, $"| sharp {SharpRunner.Version} | {s1:0} | {s2:0} | {s1 + s3:0} | {s2 / s1:0.00}× |")
            : "| sharp | — | — | — | could not run |");
        return table.ToString();
    }

    private static async Task<string> BatchAsync(int rounds)
    {
        const int files = 20;
        var data = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "konvrt-batchbench-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var key = await BenchmarkAccount.CreateKeyAsync(data, "Pipeline benchmark");
        var photos = SmallPhotos(files);
        await using var server = await PortalProcess.StartAsync(data, new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Api:RateLimits:Pro"] = "1000000",
        });
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            // Warm the server (JIT, the database, the first conversions) the same for both.
            await SinglesAsync(client, photos, quality: 40, parallel: 4);
            await BatchOfAsync(client, photos, quality: 41);

            var batch = new List<double>();
            var sequential = new List<double>();
            var parallel = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                // A quality of its own per run: nothing is served from the cache.
                batch.Add(await TimeAsync(() => BatchOfAsync(client, photos, quality: 50 + (round * 3))));
                sequential.Add(await TimeAsync(() => SinglesAsync(client, photos, quality: 51 + (round * 3), parallel: 1)));
                parallel.Add(await TimeAsync(() => SinglesAsync(client, photos, quality: 52 + (round * 3), parallel: 4)));
            }
            var table = new StringBuilder();
            table.AppendLine(CultureInfo.InvariantCulture, $"### {files} small files ({photos.Sum(photo => photo.Length) / files / 1024} KB JPEGs, 1400×1050) → WebP 300, against the portal as a process (median of {rounds} rounds)");
            table.AppendLine();
            table.AppendLine("| How | Wall time, ms | Requests |");
            table.AppendLine("|---|---:|---:|");
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| One batch request, answered when all are done | {Measure.Median(batch):0} | 1 |"));
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {files} single requests, one after another | {Measure.Median(sequential):0} | {files} |"));
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {files} single requests, 4 at a time | {Measure.Median(parallel):0} | {files} |"));
            return table.ToString();
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task BatchOfAsync(HttpClient client, List<byte[]> photos, int quality)
    {
        using var form = new MultipartFormDataContent();
        for (var index = 0; index < photos.Count; index++)
        {
            form.Add(new ByteArrayContent(photos[index]), "file", $"photo-{index}.jpg");
        }
        AddThumbnailFields(form, quality);
        form.Add(new StringContent("true"), "async");
        using var accepted = await client.PostAsync("/api/v1/convert", form);
        var batchId = (await JsonAsync(accepted)).GetProperty("batchId").GetGuid();
        using var done = await client.GetAsync($"/api/v1/batches/{batchId}?wait=60");
        var status = (await JsonAsync(done)).GetProperty("status").GetString();
        if (status != "completed")
        {
            throw new InvalidOperationException($"The batch ended {status}.");
        }
    }

    private static async Task SinglesAsync(HttpClient client, List<byte[]> photos, int quality, int parallel) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, photos.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (index, ct) =>
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(photos[index]), "file", $"photo-{index}.jpg" } };
            AddThumbnailFields(form, quality);
            using var response = await client.PostAsync("/api/v1/convert", form, ct);
            if ((await JsonAsync(response)).GetProperty("status").GetString() != "completed")
            {
                throw new InvalidOperationException($"A single request answered {(int)response.StatusCode}.");
            }
        });

    private static void AddThumbnailFields(MultipartFormDataContent form, int quality)
    {
        form.Add(new StringContent("webp"), "format");
        form.Add(new StringContent("300"), "maxWidth");
        form.Add(new StringContent(quality.ToString(CultureInfo.InvariantCulture)), "quality");
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement : throw new InvalidOperationException(body);
    }

    /// <summary>Twenty different ~200 KB JPEGs cut from the 12 MP test photo.</summary>
    private static List<byte[]> SmallPhotos(int count)
    {
        using var source = Image.Load(Path.Combine(AppContext.BaseDirectory, "TestImages", "photo1_olympus-ep3_4032x3024.jpg"));
        var photos = new List<byte[]>(count);
        for (var index = 0; index < count; index++)
        {
            using var cut = source.Clone(x => x.Crop(new Rectangle(index * 40, index * 30, 2800, 2100)).Resize(1400, 1050));
            using var file = new MemoryStream();
            cut.SaveAsJpeg(file, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 75 });
            photos.Add(file.ToArray());
        }
        return photos;
    }

    private static async Task<double> MedianMsAsync(int iterations, Func<Task> work)
    {
        for (var i = 0; i < Measure.WarmUp; i++)
        {
            await work();
        }
        var times = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            times.Add(await TimeAsync(work));
        }
        return Measure.Median(times);
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<double?> SharpMedianAsync(string script, string pipeline, string photo, int iterations)
    {
        var output = Path.Combine(Path.GetTempPath(), $"konvrt-bench-{pipeline}.webp");
        var (exit, printed, _) = await Measure.RunAsync("node", [script, pipeline, photo, iterations.ToString(CultureInfo.InvariantCulture), output]);
        return exit == 0 ? JsonDocument.Parse(printed.Trim().Split('\n')[^1]).RootElement.GetProperty("medianMs").GetDouble() : null;
    }

    private static ConversionOptions Parse(params (string Name, string Value)[] fields) =>
        ConversionOptionsParser.Parse(fields.Select(field => KeyValuePair.Create(field.Name, (string?)field.Value)));
}
