using Konvrt.Portal.ClientTests.Support;

namespace Konvrt.Portal.ClientTests.Generated;

/// <summary>
/// Clients generated from the live OpenAPI document with the generators customers use, compiled and run against the
/// portal: convert (sync, async, from a URL with outputs), status with wait, download, jobs, webhooks.
/// </summary>
[Collection(OnePortal.Name)]
public sealed class GeneratedClientTests(ClientPortal portal) : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("konvrt-generated-");

    public void Dispose() => work.Delete(recursive: true);

    [Fact]
    public async Task A_CSharp_client_generated_by_NSwag_compiles_and_runs_every_step()
    {
        var document = await Tool.SaveDocumentAsync(portal.BaseUrl, work.FullName);
        (await Tool.RunAsync("dotnet", ["tool", "restore"], Tool.RepositoryRoot)).Assert("dotnet tool restore");
        (await Tool.RunAsync("dotnet", ["tool", "run", "nswag", "openapi2csclient", $"/input:{document}", $"/output:{Path.Combine(work.FullName, "KonvrtApi.cs")}",
            "/namespace:Konvrt.Generated", "/className:KonvrtApi", "/useBaseUrl:true", "/generateOptionalParameters:true"], Tool.RepositoryRoot)).Assert("nswag");
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Generated", "Programs", "csharp")))
        {
            File.Copy(file, Path.Combine(work.FullName, Path.GetFileName(file)));
        }
        await using var files = new LoopbackFiles();

        var run = await Tool.RunAsync("dotnet", ["run", "--", portal.BaseUrl + "/", await portal.NewKeyAsync("pro"),
            ClientPortal.TestImage("photo3_iphone6_3264x2448.jpg"), files.Image("photo1_olympus-ep3_4032x3024.jpg").AbsoluteUri], work.FullName);

        Assert.True(run.ExitCode == 0 && run.Output.Contains("all steps passed", StringComparison.Ordinal), run.Output);
    }

    [Fact]
    public async Task A_TypeScript_client_from_openapi_typescript_and_openapi_fetch_compiles_strictly_and_runs_every_step()
    {
        var document = await Tool.SaveDocumentAsync(portal.BaseUrl, work.FullName);
        var bin = Path.Combine(Tool.NodeModules, ".bin");
        (await Tool.RunAsync(Path.Combine(bin, "openapi-typescript"), [document, "-o", Path.Combine(work.FullName, "schema.d.ts")], work.FullName))
            .Assert("openapi-typescript");
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Generated", "Programs", "typescript")))
        {
            File.Copy(file, Path.Combine(work.FullName, Path.GetFileName(file)));
        }
        Directory.CreateSymbolicLink(Path.Combine(work.FullName, "node_modules"), Tool.NodeModules);
        (await Tool.RunAsync(Path.Combine(bin, "tsc"), ["-p", work.FullName], work.FullName)).Assert("tsc");
        await using var files = new LoopbackFiles();

        var run = await Tool.RunAsync("node", ["check.js", portal.BaseUrl, await portal.NewKeyAsync("pro"),
            ClientPortal.TestImage("photo3_iphone6_3264x2448.jpg"), files.Image("photo1_olympus-ep3_4032x3024.jpg").AbsoluteUri], work.FullName);

        Assert.True(run.ExitCode == 0 && run.Output.Contains("all steps passed", StringComparison.Ordinal), run.Output);
    }

    [Fact]
    public async Task Redocly_lints_the_live_document_without_errors()
    {
        var document = await Tool.SaveDocumentAsync(portal.BaseUrl, work.FullName);

        var lint = await Tool.RunAsync(Path.Combine(Tool.NodeModules, ".bin", "redocly"), ["lint", document, "--format=stylish"], work.FullName);

        Assert.True(lint.ExitCode == 0, lint.Output);
        Assert.DoesNotContain(" error ", lint.Output, StringComparison.Ordinal);
    }
}
