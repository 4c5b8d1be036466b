using System.Diagnostics;
using Konvrt.Portal.TestSupport;

namespace Konvrt.Portal.ClientTests.Support;

/// <summary>A command-line tool run to its end, as a customer's build would run it.</summary>
public static class Tool
{
    /// <summary>Where npm tools are installed, outside the repository (<c>.ci/run</c> installs them; README says how).</summary>
    public static string NodeModules => Path.Combine(Environment.GetEnvironmentVariable("KONVRT_TOOLS") ?? "/opt/konvrt-tools", "node_modules");

    public sealed record Result(int ExitCode, string Output)
    {
        public string Assert(string what) => ExitCode == 0 ? Output : throw new Xunit.Sdk.XunitException($"{what} exited {ExitCode}:\n{Output}");
    }

    public static async Task<Result> RunAsync(
        string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan? within = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var process = Process.Start(Start(program, arguments, workingDirectory, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish:\n{await output}{await error}");
        }
        return new Result(process.ExitCode, await output + await error);
    }

    public static ProcessStartInfo Start(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // A build started from inside `dotnet test` would otherwise inherit the test run's MSBuild settings.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }
        return start;
    }

    /// <summary>The live document, as generators fetch it.</summary>
    public static async Task<string> SaveDocumentAsync(string baseUrl, string folder)
    {
        using var http = new HttpClient();
        var path = Path.Combine(folder, "openapi.json");
        await File.WriteAllTextAsync(path, await http.GetStringAsync($"{baseUrl}/openapi/v1.json"));
        return path;
    }

    public static string RepositoryRoot => PortalProcess.RepositoryRoot;
}
