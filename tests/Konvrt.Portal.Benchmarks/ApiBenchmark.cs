using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
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
/// The portal as a real process on loopback, with a Pro workspace, a key, credits and no rate limit in the
/// way, driven by wrk: GET /status at 64 connections, POST /convert of a ~200 KB JPEG to a WebP thumbnail.
/// </summary>
internal static class ApiBenchmark
{
    private const string ThumbnailFields = "format=webp;quality=70;maxWidth=300";

    private const string WebSizeFields = "format=webp;quality=80;maxWidth=1200";
    private const int Uploaders = 20;

    public static async Task<string> RunAsync(int seconds, IReadOnlyDictionary<string, string>? settings = null)
    {
        var data = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "konvrt-apibench-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var key = await BenchmarkAccount.CreateKeyAsync(data, "API benchmark", settings);
        var photo = SmallPhoto(Path.Combine(data, "photo.jpg"));
        var large = Path.Combine(AppContext.BaseDirectory, "TestImages", "photo1_olympus-ep3_4032x3024.jpg");
        var server = await PortalProcess.StartAsync(data, new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Logging:LogLevel:Default"] = "Warning",
            // The limit protects a shared service; a load test measures what is behind it.
            ["Api:RateLimits:Pro"] = "1000000",
            // Twenty uploads of 3 MB queue for two cores: each may wait its turn.
            ["Jobs:SyncWaitSeconds"] = "120",
        });
        var baseUrl = server.BaseUrl;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var jobId = await ConvertOnceAsync(client, photo);

            var scripts = WriteScripts(data, photo, large, key);
            // Every path warmed (JIT tiers, pools) before any is measured.
            foreach (var path in new[] { "/favicon.svg", $"/api/v1/status/{jobId}", $"/api/v1/status/{Guid.NewGuid()}" })
            {
                await WrkAsync(scripts.Report, baseUrl + path, key, connections: 64, seconds: 3);
            }
            var staticFile = await WrkAsync(scripts.Report, baseUrl + "/favicon.svg", key, connections: 64, seconds);
            var status = await WrkAsync(scripts.Report, baseUrl + $"/api/v1/status/{jobId}", key, connections: 64, seconds);
            var unknown = await WrkAsync(scripts.Report, baseUrl + $"/api/v1/status/{Guid.NewGuid()}", key, connections: 64, seconds);
            var convertOne = await WrkAsync(scripts.Convert, baseUrl + "/api/v1/convert", key, connections: 1, seconds);
            var breakdown = await BreakdownAsync(client, photo, samples: 40);
            var convertMany = await WrkAsync(scripts.Convert, baseUrl + "/api/v1/convert", key, connections: 8, seconds);
            var uploads = await WrkAsync(scripts.Upload, baseUrl + "/api/v1/convert", key, connections: Uploaders, Math.Max(seconds, 40));
            var peakRssKb = PeakRssKb(server.Id);
            await server.DisposeAsync();
            // The engine runs once the server is gone: the same two cores, nothing else on them.
            var engine = await EngineMedianMsAsync(photo, ThumbnailFields);
            var engineTwoWorkers = await EngineImagesPerSecondAsync(large, WebSizeFields, workers: 2, images: 40);

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"Each run {seconds} s with wrk (2 threads, 1 for a single connection; the uploads {Math.Max(seconds, 40)} s). The thumbnail's JPEG is {new FileInfo(photo).Length / 1024} KB, 1400×1050; every convert request asks for a different size or quality, so none is a cache hit. Database: {(settings?.GetValueOrDefault("Database:Provider") ?? "Sqlite")}.");
            report.AppendLine();
            report.AppendLine("| Load | Connections | Requests/s | p50 ms | p95 ms | p99 ms | Non-2xx | Reference |");
            report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
            report.AppendLine(Row("GET /favicon.svg (a static file, same server)", 64, staticFile, "—"));
            report.AppendLine(Row("GET /api/v1/status/{id} of a finished job", 64, status, string.Create(CultureInfo.InvariantCulture, $"{status.RequestsPerSecond / staticFile.RequestsPerSecond:P0} of the static file (goal ≥ 33 %)")));
            report.AppendLine(Row("GET /api/v1/status/{id} of no job (404, a database read each time, as for a running job)", 64, unknown,
                string.Create(CultureInfo.InvariantCulture, $"{unknown.RequestsPerSecond / staticFile.RequestsPerSecond:P0} of the static file")));
            report.AppendLine(Row("POST /api/v1/convert → WebP thumbnail", 1, convertOne, string.Create(CultureInfo.InvariantCulture, $"engine {engine:0.0} ms: +{convertOne.P50 - engine:0.0} ms (goal ≤ 3 ms)")));
            report.AppendLine(Row("POST /api/v1/convert → WebP thumbnail", 8, convertMany, "—"));
            report.AppendLine(Row($"POST /api/v1/convert, {new FileInfo(large).Length / (1024.0 * 1024):0.0} MB JPEG → 1200 px WebP", Uploaders, uploads,
                string.Create(CultureInfo.InvariantCulture, $"engine, 2 workers: {engineTwoWorkers:0.00} images/s: {uploads.RequestsPerSecond / engineTwoWorkers:P0} (goal ≥ 90 %)")));
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Where a thumbnail's request spends its time (Server-Timing, median of {breakdown.Samples} requests at one connection; the client's own median {breakdown.ClientMs:0.0} ms):");
            report.AppendLine();
            report.AppendLine("| Step | ms |");
            report.AppendLine("|---|---:|");
            foreach (var (step, ms) in breakdown.Steps)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"| {step} | {ms:0.00} |");
            }
            var total = breakdown.Steps.FirstOrDefault(step => step.Step == "total").Ms;
            var convert = breakdown.Steps.FirstOrDefault(step => step.Step == "convert").Ms;
            report.AppendLine(CultureInfo.InvariantCulture, $"| (between the client and the server: the connection, Kestrel, the client) | {breakdown.ClientMs - total:0.00} |");
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"decode, transform and encode-write are the parts of convert (which reads the upload from storage and writes the output, fsync included); total is the server's whole answer. In the server the conversion took {convert:0.0} ms against the engine's {engine:0.0} ms in memory; everything else the server did took {total - convert:0.0} ms.");
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Server peak RSS: {peakRssKb / 1024} MB.");
            return report.ToString();
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private sealed record Breakdown(int Samples, double ClientMs, IReadOnlyList<(string Step, double Ms)> Steps);

    /// <summary>Sync thumbnails one after another, each step's median from the answer's Server-Timing header.</summary>
    private static async Task<Breakdown> BreakdownAsync(HttpClient client, string photo, int samples)
    {
        var jpeg = await File.ReadAllBytesAsync(photo);
        var steps = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var order = new List<string>();
        var roundTrips = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent("webp"), "format" },
                { new StringContent("70"), "quality" },
                { new StringContent((300 + i).ToString(CultureInfo.InvariantCulture)), "maxWidth" },
                { new ByteArrayContent(jpeg), "file", "photo.jpg" },
            };
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync("/api/v1/convert", form);
            await response.Content.ReadAsByteArrayAsync();
            roundTrips.Add(watch.Elapsed.TotalMilliseconds);
            var header = response.Headers.TryGetValues("Server-Timing", out var values) ? string.Join(", ", values) : "";
            foreach (var entry in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = entry.Split(";dur=");
                if (!steps.TryGetValue(parts[0], out var list))
                {
                    steps[parts[0]] = list = [];
                    order.Add(parts[0]);
                }
                list.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
            }
        }
        return new Breakdown(samples, Measure.Median(roundTrips), [.. order.Select(step => (step, Measure.Median(steps[step])))]);
    }

    private sealed record WrkResult(double RequestsPerSecond, double P50, double P95, double P99, long Non2xx);

    private static string Row(string load, int connections, WrkResult result, string reference) => string.Create(CultureInfo.InvariantCulture,
        $"| {load} | {connections} | {result.RequestsPerSecond:0.##} | {result.P50:0.0} | {result.P95:0.0} | {result.P99:0.0} | {result.Non2xx} | {reference} |");

    private static async Task<Guid> ConvertOnceAsync(HttpClient client, string photo)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(photo)), "file", "photo.jpg" },
            { new StringContent("webp"), "format" },
        };
        using var response = await client.PostAsync("/api/v1/convert", form);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return response.IsSuccessStatusCode ? body.GetProperty("jobId").GetGuid() : throw new InvalidOperationException(body.ToString());
    }

    /// <summary>A ~200 KB JPEG made from the 12 MP test photo.</summary>
    private static string SmallPhoto(string path)
    {
        using var image = Image.Load(Path.Combine(AppContext.BaseDirectory, "TestImages", "photo1_olympus-ep3_4032x3024.jpg"));
        image.Mutate(x => x.Resize(1400, 1050));
        image.SaveAsJpeg(path, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 75 });
        return path;
    }

    private static (string Report, string Convert, string Upload) WriteScripts(string folder, string photo, string large, string key)
    {
        // Percentiles wrk does not print by default (p95), in microseconds.
        const string report = """
            local shown = false
            response = function(status, headers, body)
              if status >= 300 and not shown then
                shown = true
                io.write("FIRST-FAILURE " .. status .. " " .. string.sub(body, 1, 300) .. "\n")
              end
            end
            done = function(summary, latency, requests)
              local non2xx = summary.errors.status
              io.write(string.format("RESULT %f %f %f %f %d\n", summary.requests / (summary.duration / 1e6),
                latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, non2xx))
            end
            """;
        // The thumbnail: 200–399 px, qualities 50–99; the uploads: the 3 MB photo about 1200 px wide at about q80. Each
        // wrk thread (a Lua state of its own) takes its own qualities, so no request is ever a cache hit.
        var convert = report + ConvertScript(photo, key, width: "200 + (counter % 200)", quality: "50 + offset * 25 + (math.floor(counter / 200) % 25)");
        var upload = report + ConvertScript(large, key, width: "1100 + (counter % 200)", quality: "72 + offset * 8 + (math.floor(counter / 200) % 8)");
        var reportPath = Path.Combine(folder, "report.lua");
        var convertPath = Path.Combine(folder, "convert.lua");
        var uploadPath = Path.Combine(folder, "upload.lua");
        File.WriteAllText(reportPath, report);
        File.WriteAllText(convertPath, convert);
        File.WriteAllText(uploadPath, upload);
        return (reportPath, convertPath, uploadPath);
    }

    /// <summary>A wrk script posting <paramref name="photo"/> to /convert as WebP at the Lua expressions' width and quality.</summary>
    private static string ConvertScript(string photo, string key, string width, string quality)
    {
        const string boundary = "konvrtbench";
        return $$"""

            local threads = 0
            setup = function(thread)
              thread:set("offset", threads)
              threads = threads + 1
            end
            local f = io.open("{{photo}}", "rb")
            local jpeg = f:read("*all")
            f:close()
            local counter = 0
            request = function()
              counter = counter + 1
              local width = {{width}}
              local quality = {{quality}}
              local body = "--{{boundary}}\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nwebp\r\n" ..
                "--{{boundary}}\r\nContent-Disposition: form-data; name=\"maxWidth\"\r\n\r\n" .. width .. "\r\n" ..
                "--{{boundary}}\r\nContent-Disposition: form-data; name=\"quality\"\r\n\r\n" .. quality .. "\r\n" ..
                "--{{boundary}}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" ..
                jpeg .. "\r\n--{{boundary}}--\r\n"
              -- Headers given here replace wrk's -H ones, so the key goes here too.
              return wrk.format("POST", nil, { ["Content-Type"] = "multipart/form-data; boundary={{boundary}}", ["Authorization"] = "Bearer {{key}}" }, body)
            end
            """;
    }

    private static async Task<WrkResult> WrkAsync(string script, string url, string key, int connections, int seconds)
    {
        var (exit, output, error) = await Measure.RunAsync("wrk",
            ["-t", Math.Min(2, connections).ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "--timeout", "30s",
             "-s", script, "-H", $"Authorization: Bearer {key}", url]);
        if (output.Split('\n').FirstOrDefault(l => l.StartsWith("FIRST-FAILURE ", StringComparison.Ordinal)) is { } failure)
        {
            Console.Error.WriteLine(failure);
        }
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk ({exit}) printed no result: {output}{error}");
        var parts = line.Split(' ');
        double At(int i) => double.Parse(parts[i], CultureInfo.InvariantCulture);
        return new WrkResult(At(1), At(2), At(3), At(4), long.Parse(parts[5], CultureInfo.InvariantCulture));
    }

    private static ConversionOptions Options(string fields) =>
        ConversionOptionsParser.Parse(fields.Split(';').Select(field => field.Split('=')).Select(pair => KeyValuePair.Create(pair[0], (string?)pair[1])));

    /// <summary>The same conversion in-process, for the API's overhead.</summary>
    private static async Task<double> EngineMedianMsAsync(string photo, string fields)
    {
        await using var services = new ServiceCollection().AddLogging().AddConversionEngine(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var converter = services.GetRequiredService<ImageConverter>();
        var options = Options(fields);
        var input = await File.ReadAllBytesAsync(photo);
        var times = new List<double>();
        // Warmed as long as the server is by then: the JIT has tiered up the hot paths.
        const int warmUp = 30;
        for (var i = 0; i < warmUp + 15; i++)
        {
            using var source = new MemoryStream(input);
            using var destination = new MemoryStream();
            var watch = Stopwatch.StartNew();
            await converter.ConvertAsync(source, options, destination);
            if (i >= warmUp)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        return Measure.Median(times);
    }

    /// <summary>What the engine alone makes of <paramref name="photo"/> with <paramref name="workers"/> conversions at once, in images a second.</summary>
    private static async Task<double> EngineImagesPerSecondAsync(string photo, string fields, int workers, int images)
    {
        await using var services = new ServiceCollection().AddLogging().AddConversionEngine(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var converter = services.GetRequiredService<ImageConverter>();
        var options = Options(fields);
        var input = await File.ReadAllBytesAsync(photo);
        async Task ConvertAsync()
        {
            using var source = new MemoryStream(input);
            using var destination = new MemoryStream();
            await converter.ConvertAsync(source, options, destination);
        }
        // Warmed like the server: the JIT has tiered up by the time it is measured.
        for (var i = 0; i < 4; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => ConvertAsync()));
        }
        var left = images;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (Interlocked.Decrement(ref left) >= 0)
            {
                await ConvertAsync();
            }
        }));
        return images / watch.Elapsed.TotalSeconds;
    }

    private static long PeakRssKb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
