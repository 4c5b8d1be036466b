using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>The portal as a real, separate process on a loopback port: a second host over the same data folder.</summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process process;

    private PortalProcess(Process process, string baseUrl = "")
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public int Id => process.Id;

    /// <summary>Where it listens, when started with <see cref="StartReadyAsync"/>.</summary>
    public string BaseUrl { get; }

    /// <summary>Starts it on a free loopback port and returns once <c>/healthz</c> answers.</summary>
    public static async Task<PortalProcess> StartReadyAsync(string dataRoot, IReadOnlyDictionary<string, string> settings)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var baseUrl = $"http://127.0.0.1:{port}";
        var started = Start(dataRoot, settings, baseUrl);
        var ready = new PortalProcess(started.process, baseUrl);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !ready.HasExited)
        {
            try
            {
                if ((await http.GetAsync($"{baseUrl}/healthz")).IsSuccessStatusCode)
                {
                    return ready;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        await ready.DisposeAsync();
        throw new TimeoutException($"The portal on {baseUrl} did not become healthy.");
    }

    public bool HasExited => process.HasExited;

    public static PortalProcess Start(string dataRoot, IReadOnlyDictionary<string, string> settings, string urls = "http://127.0.0.1:0")
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(urls);
        start.Environment["Konvrt__DataPath"] = dataRoot;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PortalProcess(process);
    }

    /// <summary>SIGKILL: the process gets no chance to release anything, as when a machine dies.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Kill();
        }
        process.Dispose();
        return ValueTask.CompletedTask;
    }
}
