using Konvrt.Portal.TestSupport;

namespace Konvrt.Portal.EndToEndTests.Support;

/// <summary>
/// The real app started as a process of its own over a fresh data folder, in the Development environment
/// (where the simulated checkout exists). Webhooks may reach loopback, where the test receiver listens.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    private PortalProcess? process;

    public string DataRoot { get; } = Path.Combine(Path.GetTempPath(), "konvrt-e2e-" + Guid.NewGuid().ToString("N"));
    public string BaseUrl => process?.BaseUrl ?? "";
    public string MailFolder => Path.Combine(DataRoot, "mail");
    public string Log => process?.Log ?? "";

    public static string RepositoryRoot => PortalProcess.RepositoryRoot;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return; // Every test here is skipped: no need for a server.
        }
        Directory.CreateDirectory(DataRoot);
        process = await PortalProcess.StartAsync(DataRoot, new Dictionary<string, string>
        {
            ["Webhooks:AllowPrivateNetworks"] = "true",
            ["Webhooks:PollSeconds"] = "0.2",
            // A failed delivery's first retry comes after 5 minutes rather than 5 seconds: a journey that retries does so
            // by "Retry now", never by racing the schedule.
            ["Webhooks:ScheduleScale"] = "60",
            ["Logging:LogLevel:Default"] = "Warning",
        }, environment: "Development");
    }

    /// <summary>Runs an admin verb of the same app over the same data folder, as an operator would.</summary>
    public async Task<string> AdminAsync(params string[] arguments)
    {
        var result = await PortalProcess.RunAsync(DataRoot, arguments, workingDirectory: RepositoryRoot, environment: "Development");
        return result.ExitCode == 0 ? result.Output : throw new InvalidOperationException(result.Error);
    }

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
