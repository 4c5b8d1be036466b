using Konvrt.Portal.ClientTests.Support;

namespace Konvrt.Portal.ClientTests.TypeScript;

/// <summary>
/// clients/typescript built with tsc (strict) and tested with node's own test runner against the portal, as its
/// package.json's "test" script does: none of its tests may be skipped here.
/// </summary>
[Collection(OnePortal.Name)]
public sealed class TypeScriptClientTests(ClientPortal portal) : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("konvrt-typescript-");

    public void Dispose() => work.Delete(recursive: true);

    [Fact]
    public async Task The_TypeScript_client_builds_and_passes_its_node_tests_against_the_portal()
    {
        var package = Path.Combine(Tool.RepositoryRoot, "clients", "typescript");
        foreach (var file in new[] { "package.json", "tsconfig.json" }.Concat(Directory.GetFiles(package, "*.ts", SearchOption.AllDirectories)
            .Where(file => !file.Contains("node_modules", StringComparison.Ordinal) && !file.Contains("dist", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(package, file))))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(work.FullName, file))!);
            File.Copy(Path.Combine(package, file), Path.Combine(work.FullName, file));
        }
        Directory.CreateSymbolicLink(Path.Combine(work.FullName, "node_modules"), Tool.NodeModules);
        (await Tool.RunAsync(Path.Combine(Tool.NodeModules, ".bin", "tsc"), ["-p", "."], work.FullName)).Assert("tsc");
        await using var files = new LoopbackFiles();

        var run = await Tool.RunAsync("node", ["--test", "dist/test/"], work.FullName, environment: new Dictionary<string, string?>
        {
            ["KONVRT_URL"] = portal.BaseUrl,
            ["KONVRT_API_KEY"] = await portal.NewKeyAsync("pro"),
            ["KONVRT_TEST_IMAGE"] = ClientPortal.TestImage("photo3_iphone6_3264x2448.jpg"),
            ["KONVRT_IMAGE_URL"] = files.Image("photo1_olympus-ep3_4032x3024.jpg").AbsoluteUri,
        });

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("# fail 0", run.Output, StringComparison.Ordinal);
        Assert.Contains("# skipped 0", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"# pass [1-9]\d*", run.Output);
    }
}
