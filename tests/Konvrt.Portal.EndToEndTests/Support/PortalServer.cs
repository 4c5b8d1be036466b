using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Konvrt.Portal.EndToEndTests.Support;

/// <summary>
/// The real app, built by the solution, started as a process of its own on a free loopback port over a
/// fresh data folder, in the Development environment (where a built, unpublished app serves its static
/// assets, and where the simulated checkout exists). Webhooks may reach loopback, where the test receiver listens.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    private readonly StringBuilder log = new();
    private Process? process;

    public string DataRoot { get; } = Path.Combine(Path.GetTempPath(), "konvrt-e2e-" + Guid.NewGuid().ToString("N"));
    public string BaseUrl { get; private set; } = "";
    public string MailFolder => Path.Combine(DataRoot, "mail");

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

    /// <summary>The app as the solution built it, in the same configuration as these tests.</summary>
    private static string AppDll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(RepositoryRoot, "bin", configuration, "net10.0", "Konvrt.Portal.dll");
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return; // Every test here is skipped: no need for a server.
        }
        Directory.CreateDirectory(DataRoot);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(AppDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Konvrt__DataPath"] = DataRoot;
        start.Environment["Webhooks__AllowPrivateNetworks"] = "true";
        start.Environment["Webhooks__PollSeconds"] = "0.2";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with {process.ExitCode}:\n{Log}");
            }
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The portal did not answer /healthz within a minute:\n{Log}");
    }

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

    /// <summary>Runs an admin verb of the same app over the same data folder, as an operator would.</summary>
    public async Task<string> AdminAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(AppDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["Konvrt__DataPath"] = DataRoot;
        using var admin = Process.Start(start)!;
        var output = await admin.StandardOutput.ReadToEndAsync();
        var error = await admin.StandardError.ReadToEndAsync();
        await admin.WaitForExitAsync();
        return admin.ExitCode == 0 ? output : throw new InvalidOperationException(error);
    }

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        if (Directory.Exists(DataRoot))
        {
            Directory.Delete(DataRoot, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
