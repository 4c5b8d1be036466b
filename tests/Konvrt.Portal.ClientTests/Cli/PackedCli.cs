using System.Globalization;
using Konvrt.Portal.ClientTests.Support;

namespace Konvrt.Portal.ClientTests.Cli;

/// <summary>
/// <c>konvrt</c> as a customer gets it: packed with <c>dotnet pack</c> into a folder, installed from there with
/// <c>dotnet tool install</c> (into a tool path of its own), run with <c>KONVRT_URL</c> and <c>KONVRT_API_KEY</c>.
/// </summary>
public sealed class PackedCli : IAsyncLifetime
{
    private readonly DirectoryInfo home = Directory.CreateTempSubdirectory("konvrt-cli-");

    public string Executable => Path.Combine(home.FullName, "tools", "konvrt");

    public async Task InitializeAsync()
    {
        // A version of its own, so that no package cached by an earlier run stands in for this build.
        var version = string.Create(CultureInfo.InvariantCulture, $"1.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}");
        var feed = Path.Combine(home.FullName, "feed");
        (await Tool.RunAsync("dotnet", ["pack", Path.Combine(Tool.RepositoryRoot, "clients", "dotnet", "Konvrt.Cli", "Konvrt.Cli.csproj"), "-o", feed,
            $"-p:Version={version}"], home.FullName)).Assert("dotnet pack Konvrt.Cli");
        (await Tool.RunAsync("dotnet", ["tool", "install", "Konvrt.Cli", "--tool-path", Path.Combine(home.FullName, "tools"), "--add-source", feed,
            "--version", version], home.FullName)).Assert("dotnet tool install Konvrt.Cli");
    }

    public Task DisposeAsync()
    {
        home.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
