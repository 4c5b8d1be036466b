namespace Konvrt.Client;

/// <summary>Where the Konvrt server is, the key to call it with, and how patiently to retry.</summary>
public sealed class KonvrtClientOptions
{
    /// <summary>The server's address, e.g. <c>https://konvrt.example.com</c> (the API lives under <c>/api/v1</c>).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>An API key, <c>kvt_live_…</c> or <c>kvt_test_…</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How many times a call is tried again after a 429, a 503 or a dropped connection (0: never).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first wait between tries when the server does not say (doubling each time, with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>No single wait is longer, whatever <c>Retry-After</c> says; past it the error is the caller's.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Reads <c>KONVRT_URL</c> and <c>KONVRT_API_KEY</c>, as the CLI does.</summary>
    public static KonvrtClientOptions FromEnvironment() => new()
    {
        BaseAddress = Environment.GetEnvironmentVariable("KONVRT_URL") is { Length: > 0 } url ? new Uri(url) : null,
        ApiKey = Environment.GetEnvironmentVariable("KONVRT_API_KEY"),
    };

    internal void Validate()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri)
        {
            throw new InvalidOperationException("KonvrtClientOptions.BaseAddress must be the server's absolute address (KONVRT_URL).");
        }
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new InvalidOperationException("KonvrtClientOptions.ApiKey must be an API key (KONVRT_API_KEY).");
        }
    }
}
