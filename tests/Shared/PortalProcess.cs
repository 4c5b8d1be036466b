using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Konvrt.Portal.TestSupport;

/// <summary>
/// The portal's own executable as a separate process: the one way tests and benchmarks start it. It serves on a
/// free loopback port over a data folder (<see cref="StartAsync"/>), or answers a verb the way a self-hoster's
/// script does (<see cref="RunAsync"/>). It runs the app as the solution built it (<c>bin/&lt;configuration&gt;</c>
/// at the repository's root), where a Development app also finds its static assets.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private PortalProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public sealed record CommandResult(int ExitCode, string Output, string Error);

    public string BaseUrl { get; }

    public int Port => new Uri(BaseUrl).Port;

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Everything it printed so far, for a failure's message.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Konvrt.Portal.sln")))
            {
                folder = folder.Parent;
            }
            return folder?.FullName ?? throw new InvalidOperationException("The repository root (Konvrt.Portal.sln) was not found.");
        }
    }

    /// <summary>The app in the configuration these tests were built in.</summary>
    public static string AppDll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(RepositoryRoot, "bin", configuration, "net10.0", "Konvrt.Portal.dll");
        }
    }

    /// <summary>Serves the portal over <paramref name="dataRoot"/> and returns once <c>/healthz</c> answers.</summary>
    /// <param name="settings">Configuration keys (<c>Jobs:Workers</c>), passed as environment variables.</param>
    /// <param name="alsoListenOn">More addresses to serve on (a port of its own for metrics).</param>
    public static async Task<PortalProcess> StartAsync(
        string dataRoot, IReadOnlyDictionary<string, string>? settings = null, string environment = "Production", int? port = null,
        params string[] alsoListenOn)
    {
        var baseUrl = $"http://127.0.0.1:{port ?? FreePort()}";
        var start = Start(dataRoot, settings, environment, ["--urls", string.Join(';', [baseUrl, .. alsoListenOn])]);
        start.WorkingDirectory = RepositoryRoot;
        var portal = new PortalProcess(Process.Start(start)!, baseUrl);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(90);
        while (TimeProvider.System.GetUtcNow() < deadline && !portal.HasExited)
        {
            try
            {
                if ((await http.GetAsync($"{baseUrl}/healthz")).IsSuccessStatusCode)
                {
                    return portal;
                }
            }
            catch (Exception notYet) when (notYet is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy to answer within the probe's timeout (a job already converting on a
                // machine whose cores the other test projects share): ask again.
            }
            await Task.Delay(100);
        }
        var printed = portal.Log;
        await portal.DisposeAsync();
        throw new TimeoutException($"The portal on {baseUrl} did not become healthy:\n{printed}");
    }

    /// <summary>Runs a verb (<c>admin …</c>, <c>convert …</c>, <c>--help</c>) to its end, in the data folder.</summary>
    public static Task<CommandResult> RunAsync(string dataRoot, params string[] arguments) => RunAsync(dataRoot, arguments, workingDirectory: null);

    /// <summary>Runs a verb (<c>admin …</c>, <c>convert …</c>, <c>--help</c>) to its end.</summary>
    public static async Task<CommandResult> RunAsync(
        string dataRoot, IEnumerable<string> arguments, string? workingDirectory = null, string environment = "Production",
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = Start(dataRoot, settings, environment, arguments);
        start.WorkingDirectory = workingDirectory ?? dataRoot;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CommandResult(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// A confirmed user on the Pro plan (API keys come with a paid plan) and a live key of theirs, made with the admin CLI
    /// over <paramref name="dataRoot"/>, as an operator would: returns the key's secret.
    /// </summary>
    public static async Task<string> ApiKeyAsync(string dataRoot, string email, string password)
    {
        foreach (var verb in new[] { new[] { "create-user", "--email", email, "--password", password }, ["set-plan", "--email", email, "--plan", "pro"] })
        {
            var done = await RunAsync(dataRoot, ["admin", .. verb]);
            if (done.ExitCode != 0)
            {
                throw new InvalidOperationException($"admin {verb[0]} failed: {done.Error}");
            }
        }
        var created = await RunAsync(dataRoot, "admin", "create-key", "--email", email, "--name", "tests");
        return created.ExitCode == 0 ? created.Output.Trim().Split('\n')[^1].Trim() : throw new InvalidOperationException($"admin create-key failed: {created.Error}");
    }

    /// <summary>SIGKILL: the process gets no chance to release anything, as when a machine dies.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private bool disposed;

    /// <summary>Kills the process if it still runs; a second call does nothing.</summary>
    public ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return ValueTask.CompletedTask;
        }
        disposed = true;
        if (!process.HasExited)
        {
            Kill();
        }
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static ProcessStartInfo Start(string dataRoot, IReadOnlyDictionary<string, string>? settings, string environment, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(AppDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["Konvrt__DataPath"] = dataRoot;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return start;
    }

    /// <summary>A loopback port no one listens on now.</summary>
    /// <summary>True once something accepts connections on the loopback <paramref name="port"/>; false if <paramref name="process"/> exits first or <paramref name="within"/> passes.</summary>
    public static async Task<bool> ListeningAsync(int port, Process process, TimeSpan within)
    {
        var deadline = TimeProvider.System.GetUtcNow() + within;
        while (TimeProvider.System.GetUtcNow() < deadline && !process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        return false;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
