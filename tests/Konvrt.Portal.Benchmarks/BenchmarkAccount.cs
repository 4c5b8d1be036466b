using Konvrt.Portal.TestSupport;

namespace Konvrt.Portal.Benchmarks;

/// <summary>A Pro workspace with a million credits and an API key, made with the admin verbs in a data folder.</summary>
internal static class BenchmarkAccount
{
    public static async Task<string> CreateKeyAsync(string data, string reason, IReadOnlyDictionary<string, string>? settings = null)
    {
        async Task<string> AdminAsync(params string[] arguments)
        {
            var result = await PortalProcess.RunAsync(data, arguments, settings: settings);
            return result.ExitCode == 0 ? result.Output : throw new InvalidOperationException(result.Error);
        }

        const string email = "bench@example.com";
        await AdminAsync("admin", "create-user", "--email", email, "--password", "benchmark password");
        await AdminAsync("admin", "set-plan", "--email", email, "--plan", "pro");
        await AdminAsync("admin", "grant-credits", "--email", email, "--credits", "1000000", "--reason", reason);
        return (await AdminAsync("admin", "create-key", "--email", email, "--name", "benchmark")).Trim().Split('\n')[^1].Trim();
    }
}
