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
        await PortalProcess.RunAsync(data.DataRoot, "admin", "create-user", "--email", "dev@shop.example", "--password", "tutorial password");
        await PortalProcess.RunAsync(data.DataRoot, "admin", "set-plan", "--email", "dev@shop.example", "--plan", "pro");
        var created = await PortalProcess.RunAsync(data.DataRoot, "admin", "create-key", "--email", "dev@shop.example", "--name", "tutorial");
        Assert.True(created.ExitCode == 0, created.Error);
        var key = created.Output.Trim().Split('\n')[^1].Trim();
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
