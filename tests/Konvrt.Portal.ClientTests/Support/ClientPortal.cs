using System.Net;
using Konvrt.Portal.TestSupport;

namespace Konvrt.Portal.ClientTests.Support;

/// <summary>
/// The portal as a process of its own, as customers' code meets it, with a Pro workspace and its live key. It may
/// fetch URL sources and deliver webhooks on loopback, where the tests serve them.
/// </summary>
public sealed class ClientPortal : IAsyncLifetime
{
    private PortalProcess? process;

    public string DataRoot { get; } = Path.Combine(Path.GetTempPath(), "konvrt-clients-" + Guid.NewGuid().ToString("N"));

    public string BaseUrl => process!.BaseUrl;

    public string ApiKey { get; private set; } = "";

    public string Log => process?.Log ?? "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataRoot);
        process = await PortalProcess.StartAsync(DataRoot, new Dictionary<string, string>
        {
            ["Outbound:AllowPrivateNetworks"] = "true",
            ["Webhooks:PollSeconds"] = "0.2",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        ApiKey = await NewKeyAsync("pro");
    }

    /// <summary>A user of its own on <paramref name="plan"/>, and a live key of theirs (or a test key, with its own small limits).</summary>
    public async Task<string> NewKeyAsync(string plan, bool test = false)
    {
        var email = $"client-{Guid.NewGuid():N}@example.com";
        await AdminAsync("create-user", "--email", email, "--password", "client tests password");
        await AdminAsync("set-plan", "--email", email, "--plan", plan);
        string[] key = ["create-key", "--email", email, "--name", "client tests"];
        return (await AdminAsync(test ? [.. key, "--test"] : key)).Trim().Split('\n')[^1];
    }

    private async Task<string> AdminAsync(params string[] arguments)
    {
        var result = await PortalProcess.RunAsync(DataRoot, ["admin", .. arguments], workingDirectory: PortalProcess.RepositoryRoot);
        return result.ExitCode == 0 ? result.Output : throw new InvalidOperationException($"admin {arguments[0]}: {result.Error}");
    }

    public static string TestImage(string name) => Path.Combine(AppContext.BaseDirectory, "TestImages", name);

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }
        if (Directory.Exists(DataRoot))
        {
            Directory.Delete(DataRoot, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OnePortal : ICollectionFixture<ClientPortal>
{
    public const string Name = "one portal process";
}
