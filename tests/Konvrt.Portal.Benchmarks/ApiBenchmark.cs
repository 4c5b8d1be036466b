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

    public static async Task<string> RunAsync(int seconds)
    {
        var data = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "konvrt-apibench-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var key = await BenchmarkAccount.CreateKeyAsync(data, "API benchmark");
        var photo = SmallPhoto(Path.Combine(data, "photo.jpg"));
        var server = await PortalProcess.StartAsync(data, new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            // The limit protects a shared service; a load test measures what is behind it.
            ["Api:RateLimits:Pro"] = "1000000",
        });
        var baseUrl = server.BaseUrl;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var jobId = await ConvertOnceAsync(client, photo);

            var scripts = WriteScripts(data, photo, key);
            var status = await WrkAsync(scripts.Report, baseUrl + $"/api/v1/status/{jobId}", key, connections: 64, seconds);
            var convertOne = await WrkAsync(scripts.Convert, baseUrl + "/api/v1/convert", key, connections: 1, seconds);
            var convertMany = await WrkAsync(scripts.Convert, baseUrl + "/api/v1/convert", key, connections: 8, seconds);
            var engine = await EngineMedianMsAsync(photo);
            var peakRssKb = PeakRssKb(server.Id);

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"Each run {seconds} s with wrk (2 threads, 1 for a single connection). The JPEG is {new FileInfo(photo).Length / 1024} KB, 1400×1050; every convert request asks for a different size or quality, so none is a cache hit.");
            report.AppendLine();
            report.AppendLine("| Load | Connections | Requests/s | p50 ms | p95 ms | p99 ms | Non-2xx |");
            report.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            report.AppendLine(Row("GET /api/v1/status/{id}", 64, status));
            report.AppendLine(Row("POST /api/v1/convert → WebP thumbnail", 1, convertOne));
            report.AppendLine(Row("POST /api/v1/convert → WebP thumbnail", 8, convertMany));
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Server peak RSS: {peakRssKb / 1024} MB. The bare engine does the same conversion in {engine:0.0} ms (median, in-process), so the API adds {convertOne.P50 - engine:0.0} ms at p50 with one connection (upload, validation, the job's database writes, storage and the answer).");
            return report.ToString();
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private sealed record WrkResult(double RequestsPerSecond, double P50, double P95, double P99, long Non2xx);

    private static string Row(string load, int connections, WrkResult result) => string.Create(CultureInfo.InvariantCulture,
        $"| {load} | {connections} | {result.RequestsPerSecond:0} | {result.P50:0.0} | {result.P95:0.0} | {result.P99:0.0} | {result.Non2xx} |");

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

    private static (string Report, string Convert) WriteScripts(string folder, string photo, string key)
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
        var boundary = "konvrtbench";
        var convert = report + $$"""

            local f = io.open("{{photo}}", "rb")
            local jpeg = f:read("*all")
            f:close()
            local counter = 0
            request = function()
              counter = counter + 1
              local width = 200 + (counter % 200)
              local quality = 50 + (math.floor(counter / 200) % 50)
              local body = "--{{boundary}}\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nwebp\r\n" ..
                "--{{boundary}}\r\nContent-Disposition: form-data; name=\"maxWidth\"\r\n\r\n" .. width .. "\r\n" ..
                "--{{boundary}}\r\nContent-Disposition: form-data; name=\"quality\"\r\n\r\n" .. quality .. "\r\n" ..
                "--{{boundary}}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" ..
                jpeg .. "\r\n--{{boundary}}--\r\n"
              -- Headers given here replace wrk's -H ones, so the key goes here too.
              return wrk.format("POST", nil, { ["Content-Type"] = "multipart/form-data; boundary={{boundary}}", ["Authorization"] = "Bearer {{key}}" }, body)
            end
            """;
        var reportPath = Path.Combine(folder, "report.lua");
        var convertPath = Path.Combine(folder, "convert.lua");
        File.WriteAllText(reportPath, report);
        File.WriteAllText(convertPath, convert);
        return (reportPath, convertPath);
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

    /// <summary>The same conversion in-process, for the API's overhead.</summary>
    private static async Task<double> EngineMedianMsAsync(string photo)
    {
        await using var services = new ServiceCollection().AddLogging().AddConversionEngine(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var converter = services.GetRequiredService<ImageConverter>();
        var options = ConversionOptionsParser.Parse(ThumbnailFields.Split(';').Select(field => field.Split('=')).Select(pair => KeyValuePair.Create(pair[0], (string?)pair[1])));
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

    private static long PeakRssKb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
