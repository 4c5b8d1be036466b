using System.Globalization;
using Konvrt.Portal.ClientTests.Support;
using Konvrt.Portal.Features.ApiKeys;
using SixLabors.ImageSharp;

namespace Konvrt.Portal.ClientTests.Snippets;

/// <summary>
/// The quickstart's and the new-key dialog's snippets, filled in with this portal's address and a key, run as a
/// developer would run them in a folder holding product.heic: each must leave a WebP of at most 1200 pixels across.
/// </summary>
[Collection(OnePortal.Name)]
public sealed class QuickstartSnippetTests(ClientPortal portal) : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("konvrt-snippet-");

    public void Dispose() => work.Delete(recursive: true);

    [Fact]
    public async Task The_curl_snippet_runs_in_bash_as_shown()
    {
        PutPhoto();

        var run = await Tool.RunAsync("bash", ["-e", "-c", ApiSnippets.Curl(portal.BaseUrl, portal.ApiKey)], work.FullName);

        AssertConverted(run);
    }

    [Fact]
    public async Task The_JavaScript_snippet_runs_in_node_as_shown()
    {
        PutPhoto();
        await File.WriteAllTextAsync(Path.Combine(work.FullName, "convert.mjs"), ApiSnippets.JavaScript(portal.BaseUrl, portal.ApiKey));

        var run = await Tool.RunAsync("node", ["convert.mjs"], work.FullName);

        AssertConverted(run);
        Assert.Contains("product.webp: 1200×", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSharp_snippet_runs_as_a_console_program_over_the_packed_Konvrt_Client()
    {
        PutPhoto();
        // A version of its own, so that no package cached by an earlier run stands in for this build.
        var version = string.Create(CultureInfo.InvariantCulture, $"1.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}");
        var feed = Path.Combine(work.FullName, "feed");
        (await Tool.RunAsync("dotnet", ["pack", Path.Combine(Tool.RepositoryRoot, "clients", "dotnet", "Konvrt.Client", "Konvrt.Client.csproj"),
            "-o", feed, $"-p:Version={version}"], work.FullName)).Assert("dotnet pack Konvrt.Client");
        var program = Path.Combine(work.FullName, "program");
        Directory.CreateDirectory(program);
        await File.WriteAllTextAsync(Path.Combine(program, "Program.cs"), ApiSnippets.CSharp(portal.BaseUrl, portal.ApiKey));
        await File.WriteAllTextAsync(Path.Combine(program, "Snippet.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <RestoreAdditionalProjectSources>{feed}</RestoreAdditionalProjectSources>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Konvrt.Client" Version="{version}" />
              </ItemGroup>
            </Project>
            """);

        var run = await Tool.RunAsync("dotnet", ["run", "--project", program], work.FullName);

        AssertConverted(run);
        Assert.Contains("product.webp: 1200×", run.Output, StringComparison.Ordinal);
    }

    private void PutPhoto() =>
        File.Copy(ClientPortal.TestImage("heic1_iphone13pro_pug_4032x3024.heic"), Path.Combine(work.FullName, "product.heic"));

    private void AssertConverted(Tool.Result run)
    {
        Assert.True(run.ExitCode == 0, run.Output);
        var made = Path.Combine(work.FullName, "product.webp");
        Assert.True(File.Exists(made), $"no product.webp:\n{run.Output}");
        var image = Image.Identify(made);
        Assert.Equal(("WEBP", 1200), (image.Metadata.DecodedImageFormat?.Name, image.Width));
    }
}
