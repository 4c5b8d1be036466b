using Konvrt.Client;

namespace Konvrt.Cli;

/// <summary>The server and key from the environment, as CI systems hand out secrets.</summary>
internal static class Server
{
    public static KonvrtClient Connect()
    {
        var options = KonvrtClientOptions.FromEnvironment();
        if (options.BaseAddress is null || string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new UsageException("Set KONVRT_URL (the server's address) and KONVRT_API_KEY (a key from its API keys page).");
        }
        return KonvrtClient.Create(options);
    }
}

/// <summary>The command line cannot be carried out as given.</summary>
internal sealed class UsageException(string message) : Exception(message);
