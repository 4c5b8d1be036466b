using Konvrt.Portal.TestSupport;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using SixLabors.ImageSharp;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

/// <summary>The integration tutorial's JavaScript, run by node against the portal started on a loopback port.</summary>
public sealed class TutorialTests : IDisposable
{
    private readonly PortalPaths data = new(Path.Combine(Path.GetTempPath(), "konvrt-tutorial-" + Guid.NewGuid().ToString("N")));

    public TutorialTests() => Directory.CreateDirectory(data.DataRoot);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(data.DataRoot, recursive: true);
    }

    [Fact]
    public async Task The_tutorials_javascript_converts_an_iphone_heic_to_webp_unchanged()
    {
        var key = await ApiKeyAsync();
        await using var portal = await PortalProcess.StartAsync(data.DataRoot);
        var baseUrl = portal.BaseUrl;
        var output = Path.Combine(data.DataRoot, "product.webp");

        var run = await RunNodeAsync(Path.Combine(AppContext.BaseDirectory, "Tutorial", "tutorial.mjs"), new Dictionary<string, string>
        {
            ["KONVRT_BASE"] = baseUrl,
            ["KONVRT_API_KEY"] = key,
            ["KONVRT_IMAGE"] = Path.Combine(AppContext.BaseDirectory, "TestImages", "heic2_iphone13promax_3024x4032.heic"),
            ["KONVRT_OUTPUT"] = output,
        });

        Assert.True(run.ExitCode == 0, run.Error);
        var report = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(200, report.GetProperty("convertStatus").GetInt32());
        Assert.Equal("completed", report.GetProperty("result").GetProperty("status").GetString());
        Assert.StartsWith($"{baseUrl}/api/v1/download/", report.GetProperty("result").GetProperty("downloadUrl").GetString());
        Assert.Equal(200, report.GetProperty("downloadStatus").GetInt32());
        Assert.Equal("image/webp", report.GetProperty("contentType").GetString());
        Assert.Equal("completed", report.GetProperty("jobStatus").GetString());
        var webp = Image.Identify(output);
        Assert.Equal("Webp", webp.Metadata.DecodedImageFormat?.Name, ignoreCase: true);
        Assert.Equal((1200, 1600), (webp.Width, webp.Height));
    }

    [Fact]
    public async Task The_product_import_tutorial_stores_both_sizes_under_the_product_in_the_bucket_and_hears_one_signed_event()
    {
        var key = await ApiKeyAsync();
        await using var s3 = await S3Server.StartAsync("shop-images");
        await using var site = await ImageHost.StartAsync();
        await using var portal = await PortalProcess.StartAsync(data.DataRoot, new Dictionary<string, string>
        {
            // The bucket, the product site and the webhook receiver are all on loopback here.
            ["Outbound:AllowPrivateNetworks"] = "true",
        });

        var run = await RunNodeAsync(Path.Combine(AppContext.BaseDirectory, "Tutorial", "product-import.mjs"), new Dictionary<string, string>
        {
            ["KONVRT_BASE"] = portal.BaseUrl,
            ["KONVRT_API_KEY"] = key,
            ["S3_ENDPOINT"] = s3.Endpoint,
            ["S3_BUCKET"] = "shop-images",
            ["S3_ACCESS_KEY_ID"] = S3Server.AccessKeyId,
            ["S3_SECRET_ACCESS_KEY"] = S3Server.SecretAccessKey,
            ["PRODUCT_ID"] = "sku-1042",
            ["PRODUCT_IMAGE_URL"] = site.Image("photo1_olympus-ep3_4032x3024.jpg"),
        });

        Assert.True(run.ExitCode == 0, run.Error + portal.Log);
        var report = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("queued", report.GetProperty("job").GetProperty("status").GetString());
        var @event = report.GetProperty("event");
        Assert.Equal("job.completed", @event.GetProperty("type").GetString());
        Assert.Equal(1, report.GetProperty("eventsReceived").GetInt32());
        Assert.Equal([("main", "products/sku-1042/main.webp", "stored"), ("thumb", "products/sku-1042/thumb.webp", "stored")],
            @event.GetProperty("data").GetProperty("outputs").EnumerateArray().Select(output => (output.GetProperty("name").GetString(),
                output.GetProperty("stored").GetProperty("key").GetString(), output.GetProperty("stored").GetProperty("status").GetString())));
        Assert.Equal(["products/sku-1042/main.webp", "products/sku-1042/thumb.webp"], await s3.KeysAsync("shop-images", "products/sku-1042/"));
        Assert.Equal(1200, Image.Identify(await s3.ReadAsync("shop-images", "products/sku-1042/main.webp")).Width);
        Assert.Equal(300, Image.Identify(await s3.ReadAsync("shop-images", "products/sku-1042/thumb.webp")).Width);
    }

    [Fact]
    public void The_product_import_docs_show_the_tutorial_the_test_runs()
    {
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Tutorial", "product-import.mjs"));
        var start = script.IndexOf("// --- the tutorial ---", StringComparison.Ordinal);
        var end = script.IndexOf("// --- end of the tutorial ---", StringComparison.Ordinal);
        var tutorial = script[(start + "// --- the tutorial ---".Length)..end].Trim();

        var docs = File.ReadAllText(Path.Combine(PortalProcess.RepositoryRoot, "docs", "product-import.md"));

        Assert.Contains(tutorial.ReplaceLineEndings("\n"), docs.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    /// <summary>A Pro workspace's API key, made with the admin verbs as a self-hoster would.</summary>
    private async Task<string> ApiKeyAsync()
    {
        await PortalProcess.RunAsync(data.DataRoot, "admin", "create-user", "--email", "dev@shop.example", "--password", "tutorial password");
        await PortalProcess.RunAsync(data.DataRoot, "admin", "set-plan", "--email", "dev@shop.example", "--plan", "pro");
        var created = await PortalProcess.RunAsync(data.DataRoot, "admin", "create-key", "--email", "dev@shop.example", "--name", "tutorial");
        Assert.True(created.ExitCode == 0, created.Error);
        return created.Output.Trim().Split('\n')[^1].Trim();
    }

    private static async Task<PortalProcess.CommandResult> RunNodeAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("node could not be started: install Node.js 18 or later (.ci/run does)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new PortalProcess.CommandResult(process.ExitCode, await output, await error);
    }
}
