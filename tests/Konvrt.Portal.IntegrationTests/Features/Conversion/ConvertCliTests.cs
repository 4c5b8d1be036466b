using Konvrt.Portal.TestSupport;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.IntegrationTests.Support;
using SixLabors.ImageSharp;

namespace Konvrt.Portal.IntegrationTests.Features.Conversion;

/// <summary>The <c>convert</c> verb as a CI job runs it: a real process, real files, exit codes.</summary>
public sealed class ConvertCliTests : IDisposable
{
    private readonly PortalPaths folder = new(Path.Combine(Path.GetTempPath(), "konvrt-cli-" + Guid.NewGuid().ToString("N")));

    public ConvertCliTests() => Directory.CreateDirectory(folder.DataRoot);

    public void Dispose() => Directory.Delete(folder.DataRoot, recursive: true);

    private static string TestImage(string name) => Path.Combine(AppContext.BaseDirectory, "TestImages", name);

    private string Output(string name) => Path.Combine(folder.DataRoot, name);

    [Fact]
    public async Task Converting_an_iphone_heic_prints_one_summary_line_and_writes_an_upright_webp()
    {
        var run = await PortalProcess.RunAsync(folder.DataRoot, "convert", TestImage("heic2_iphone13promax_3024x4032.heic"), Output("kitchen.webp"), "--quality", "80", "--max-width", "1200");

        Assert.True(run.ExitCode == 0, run.Error);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("heic 3024×4032", line);
        Assert.Contains("kitchen.webp: webp 1200×1600", line);
        Assert.Matches(@"in \d+ ms \(validate \d+, decode \d+, transform \d+, encode \d+\)", line);
        var written = Image.Identify(Output("kitchen.webp"));
        Assert.Equal("Webp", written.Metadata.DecodedImageFormat?.Name, ignoreCase: true);
        Assert.Equal((1200, 1600), (written.Width, written.Height));
    }

    [Fact]
    public async Task With_format_auto_the_file_written_carries_the_chosen_formats_extension()
    {
        var run = await PortalProcess.RunAsync(folder.DataRoot, "convert", TestImage("alpha_paper_2048x1536.png"), Output("paper.img"),
            "--format", "auto", "--accept", "jpeg,png", "--max-width", "200");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("paper.png: png 200×150", run.Output);
        Assert.Equal("PNG", Image.DetectFormat(Output("paper.png")).Name);
        Assert.False(File.Exists(Output("paper.img")));
    }

    [Fact]
    public async Task The_output_format_follows_the_extension_unless_format_is_given()
    {
        var png = await PortalProcess.RunAsync(folder.DataRoot, "convert", TestImage("photo3_iphone6_3264x2448.jpg"), Output("small.png"), "--width", "100");
        var forced = await PortalProcess.RunAsync(folder.DataRoot, "convert", TestImage("photo3_iphone6_3264x2448.jpg"), Output("forced.img"), "--format", "jpeg", "--width", "100");

        Assert.Equal(0, png.ExitCode);
        Assert.Equal("PNG", Image.DetectFormat(Output("small.png")).Name);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("JPEG", Image.DetectFormat(Output("forced.img")).Name);
    }

    [Fact]
    public async Task An_unsupported_file_is_one_line_on_stderr_a_non_zero_exit_and_no_output_file()
    {
        var text = Output("notes.jpg");
        await File.WriteAllTextAsync(text, "this is not a photo");

        var run = await PortalProcess.RunAsync(folder.DataRoot, "convert", text, Output("notes.webp"));

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: The file is not an image format Konvrt reads", line);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.False(File.Exists(Output("notes.webp")));
        Assert.Empty(Directory.GetFiles(folder.DataRoot, "*.tmp"));
    }

    [Fact]
    public async Task Bad_options_are_all_named_in_one_error_line()
    {
        var run = await PortalProcess.RunAsync(folder.DataRoot, "convert", TestImage("photo3_iphone6_3264x2448.jpg"), Output("x.webp"), "--quality", "0", "--fit", "squash");

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("quality:", line);
        Assert.Contains("fit:", line);
        Assert.False(File.Exists(Output("x.webp")));
    }

    [Fact]
    public async Task The_exit_code_says_what_kind_of_failure_it_was()
    {
        var text = Output("plain.jpg");
        await File.WriteAllTextAsync(text, "this is not a photo");

        var unreadable = await PortalProcess.RunAsync(folder.DataRoot, "convert", text, Output("plain.webp"));
        var misused = await PortalProcess.RunAsync(folder.DataRoot, "convert", TestImage("photo3_iphone6_3264x2448.jpg"), Output("y.webp"), "--quality", "0");

        Assert.Equal(Konvrt.Portal.Infrastructure.Errors.ErrorCatalog.UnsupportedFormat.ExitCode, unreadable.ExitCode);
        Assert.Equal(1, unreadable.ExitCode);
        Assert.Equal(2, misused.ExitCode);
    }
}
