using System.Diagnostics;
using System.Text.Json;
using Konvrt.Portal.ClientTests.Support;
using Konvrt.Portal.TestSupport;
using SixLabors.ImageSharp;

namespace Konvrt.Portal.ClientTests.Cli;

[Collection(OnePortal.Name)]
public sealed class KonvrtCliTests(ClientPortal portal, PackedCli cli) : IClassFixture<PackedCli>, IDisposable
{
    private static readonly string[] Photos =
    [
        "photo1_olympus-ep3_4032x3024.jpg", "photo2_nokia83_4608x1976.jpg", "photo3_iphone6_3264x2448.jpg",
        "alpha_paper_2048x1536.png", "heic1_iphone13pro_pug_4032x3024.heic", "heic2_iphone13promax_3024x4032.heic",
    ];

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("konvrt-cli-run-");

    public void Dispose() => work.Delete(recursive: true);

    private string Folder(string name) => Path.Combine(work.FullName, name);

    private string PhotoFolder()
    {
        var photos = Folder("photos");
        Directory.CreateDirectory(Path.Combine(photos, "shoes"));
        foreach (var (photo, index) in Photos.Select((photo, index) => (photo, index)))
        {
            File.Copy(ClientPortal.TestImage(photo), Path.Combine(photos, index % 2 == 0 ? "" : "shoes", photo));
        }
        return photos;
    }

    private async Task<Dictionary<string, string?>> EnvironmentAsync() => new()
    {
        ["KONVRT_URL"] = portal.BaseUrl,
        ["KONVRT_API_KEY"] = await portal.NewKeyAsync("pro"),
        ["CI"] = "true",
    };

    [Fact]
    public async Task A_folder_converts_into_the_same_layout_and_a_second_run_skips_what_is_current()
    {
        var photos = PhotoFolder();
        var environment = await EnvironmentAsync();

        var first = await Tool.RunAsync(cli.Executable, ["convert", photos, "--format", "webp", "--max-width", "800", "--out", Folder("out")], work.FullName,
            environment: environment);
        var second = await Tool.RunAsync(cli.Executable, ["convert", photos, "--format", "webp", "--max-width", "800", "--out", Folder("out")], work.FullName,
            environment: environment);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("6 files: 6 converted, 0 skipped, 0 failed", first.Output, StringComparison.Ordinal);
        Assert.Matches(@"converted shoes/photo2_nokia83_4608x1976\.jpg → photo2_nokia83_4608x1976\.webp \(\d+(\.\d)? MB → \d+(\.\d)? KB, 1 credit\)", first.Output);
        foreach (var (photo, index) in Photos.Select((photo, index) => (photo, index)))
        {
            var made = Image.Identify(Path.Combine(Folder("out"), index % 2 == 0 ? "" : "shoes", Path.ChangeExtension(photo, ".webp")));
            Assert.Equal("WEBP", made.Metadata.DecodedImageFormat?.Name);
            Assert.True(made.Width <= 800, $"{photo}: {made.Width} wide");
        }
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("6 files: 0 converted, 6 skipped, 0 failed", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_killed_part_way_resumes_converting_only_what_it_had_not_made()
    {
        var photos = PhotoFolder();
        var environment = await EnvironmentAsync();
        string[] arguments = ["convert", photos, "--format", "avif", "--max-width", "1600", "--concurrency", "1", "--out", Folder("out")];

        using (var killed = Process.Start(Tool.Start(cli.Executable, arguments, work.FullName, environment))!)
        {
            await Eventually.TrueAsync(() => Directory.Exists(Folder("out")) && Directory.EnumerateFiles(Folder("out"), "*.avif", SearchOption.AllDirectories).Any(),
                "the first output", TimeSpan.FromMinutes(2));
            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync();
        }
        var made = Directory.EnumerateFiles(Folder("out"), "*.avif", SearchOption.AllDirectories).Count();
        var resumed = await Tool.RunAsync(cli.Executable, [.. arguments, "--json"], work.FullName, environment: environment);

        Assert.True(resumed.ExitCode == 0, resumed.Output);
        var summary = JsonDocument.Parse(resumed.Output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal((6, made, 6 - made, 0), (summary.GetProperty("files").GetInt32(), summary.GetProperty("skipped").GetInt32(),
            summary.GetProperty("converted").GetInt32(), summary.GetProperty("failed").GetInt32()));
        Assert.True(made < 6, "the run was killed before it had made everything");
        Assert.Equal(6, Directory.EnumerateFiles(Folder("out"), "*.avif", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task More_files_than_the_rate_limit_allows_a_minute_all_convert_the_run_waiting_for_the_window()
    {
        // A test key may make 10 requests a minute: 12 files need the window to move on.
        var folder = Folder("many");
        Directory.CreateDirectory(folder);
        for (var index = 0; index < 12; index++)
        {
            File.Copy(ClientPortal.TestImage("generated/adobergb_srgb_1ea03c_32x32.jpg"), Path.Combine(folder, $"swatch-{index:00}.jpg"));
        }
        var environment = new Dictionary<string, string?>(await EnvironmentAsync()) { ["KONVRT_API_KEY"] = await portal.NewKeyAsync("free", test: true) };
        var watch = Stopwatch.StartNew();

        var run = await Tool.RunAsync(cli.Executable, ["convert", folder, "--format", "png", "--concurrency", "2", "--out", Folder("out"), "--json"], work.FullName,
            within: TimeSpan.FromMinutes(4), environment: environment);

        Assert.True(run.ExitCode == 0, run.Output);
        var summary = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal((12, 12, 0), (summary.GetProperty("files").GetInt32(), summary.GetProperty("converted").GetInt32(), summary.GetProperty("failed").GetInt32()));
        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(30), $"12 requests at 10 a minute took only {watch.Elapsed}");
    }

    [Fact]
    public async Task Exit_codes_tell_a_pipeline_usage_from_authentication_from_a_failed_file()
    {
        File.WriteAllText(Path.Combine(work.FullName, "notes.jpg"), "not an image");
        File.Copy(ClientPortal.TestImage("photo3_iphone6_3264x2448.jpg"), Path.Combine(work.FullName, "good.jpg"));
        var environment = await EnvironmentAsync();

        var usage = await Tool.RunAsync(cli.Executable, ["convert", "good.jpg", "--quality", "80"], work.FullName, environment: environment);
        var unconfigured = await Tool.RunAsync(cli.Executable, ["jobs"], work.FullName, environment: new Dictionary<string, string?> { ["KONVRT_URL"] = null, ["KONVRT_API_KEY"] = null });
        var badKey = await Tool.RunAsync(cli.Executable, ["convert", "good.jpg", "--out", "out"], work.FullName,
            environment: new Dictionary<string, string?>(environment) { ["KONVRT_API_KEY"] = "kvt_live_not-a-key" });
        var oneFailed = await Tool.RunAsync(cli.Executable, ["convert", "*.jpg", "--format", "png", "--out", "out"], work.FullName, environment: environment);

        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--out", usage.Output, StringComparison.Ordinal);
        Assert.Equal(2, unconfigured.ExitCode);
        Assert.Contains("KONVRT_URL", unconfigured.Output, StringComparison.Ordinal);
        Assert.Equal(3, badKey.ExitCode);
        Assert.Equal(1, oneFailed.ExitCode);
        Assert.Contains("failed notes.jpg", oneFailed.Output, StringComparison.Ordinal);
        Assert.Contains("2 files: 1 converted, 0 skipped, 1 failed", oneFailed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_status_and_download_follow_a_conversion()
    {
        File.Copy(ClientPortal.TestImage("photo3_iphone6_3264x2448.jpg"), Path.Combine(work.FullName, "shoe.jpg"));
        var environment = await EnvironmentAsync();
        (await Tool.RunAsync(cli.Executable, ["convert", "shoe.jpg", "--format", "jpeg", "--width", "300", "--out", "out"], work.FullName, environment: environment))
            .Assert("konvrt convert");

        var jobs = await Tool.RunAsync(cli.Executable, ["jobs"], work.FullName, environment: environment);
        var jobId = jobs.Output.Split('\n')[1].Split(' ')[0];
        var status = await Tool.RunAsync(cli.Executable, ["status", jobId, "--wait"], work.FullName, environment: environment);
        var download = await Tool.RunAsync(cli.Executable, ["download", jobId, "--to", "again.jpg"], work.FullName, environment: environment);

        Assert.Contains("completed", jobs.Output, StringComparison.Ordinal);
        Assert.Contains("shoe.jpg", jobs.Output, StringComparison.Ordinal);
        Assert.Contains($"{jobId} completed", status.Output, StringComparison.Ordinal);
        Assert.True(download.ExitCode == 0, download.Output);
        Assert.Equal(300, Image.Identify(Path.Combine(work.FullName, "again.jpg")).Width);
    }

    [Fact]
    public async Task Webhooks_verify_checks_a_payload_against_its_secret()
    {
        var payload = Path.Combine(work.FullName, "payload.json");
        await File.WriteAllTextAsync(payload, """{"test": 2432232314}""");
        string[] vector = ["webhooks", "verify", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "--id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "--timestamp", "1614265330", "--signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "--any-time"];

        var valid = await Tool.RunAsync("bash", ["-c", $"\"{cli.Executable}\" {string.Join(' ', vector.Select(Quote))} < payload.json"], work.FullName);
        await File.WriteAllTextAsync(payload, """{"test": 1}""");
        var tampered = await Tool.RunAsync("bash", ["-c", $"\"{cli.Executable}\" {string.Join(' ', vector.Select(Quote))} < payload.json"], work.FullName);

        Assert.True(valid.ExitCode == 0, valid.Output);
        Assert.Contains("valid", valid.Output, StringComparison.Ordinal);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("invalid", tampered.Output, StringComparison.Ordinal);
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
