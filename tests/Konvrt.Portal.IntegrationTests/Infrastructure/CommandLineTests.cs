using Konvrt.Portal.TestSupport;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.IntegrationTests.Support;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    [InlineData("-h")]
    public async Task Help_lists_the_verbs_and_exits_without_starting_a_server_or_touching_the_data_folder(string asked)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "konvrt-cli-" + Guid.NewGuid().ToString("N")));
        try
        {
            var result = await PortalProcess.RunAsync(folder.FullName, asked);

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains("serve", result.Output, StringComparison.Ordinal);
            Assert.Contains("convert", result.Output, StringComparison.Ordinal);
            Assert.Contains("admin", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening", result.Output + result.Error, StringComparison.Ordinal);
            Assert.Empty(folder.EnumerateFileSystemInfos());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "konvrt-cli-" + Guid.NewGuid().ToString("N")));
        try
        {
            var result = await PortalProcess.RunAsync(folder.FullName, "--version");

            Assert.Equal(0, result.ExitCode);
            Assert.Matches(@"^\d+\.\d+\.\d+", result.Output.Trim());
            Assert.Empty(folder.EnumerateFileSystemInfos());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
