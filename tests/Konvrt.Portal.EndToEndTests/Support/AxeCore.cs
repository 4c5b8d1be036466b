using System.Diagnostics;

namespace Konvrt.Portal.EndToEndTests.Support;

/// <summary>axe-core from npm, installed once into a temporary folder (or taken from AXE_CORE_JS).</summary>
internal static class AxeCore
{
    public const string Version = "4.10.3";

    public static async Task<string> ScriptAsync()
    {
        if (Environment.GetEnvironmentVariable("AXE_CORE_JS") is { Length: > 0 } given)
        {
            return given;
        }
        var folder = Path.Combine(Path.GetTempPath(), $"konvrt-e2e-axe-{Version}");
        var script = Path.Combine(folder, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(script))
        {
            var start = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "install", "--prefix", folder, "--no-audit", "--no-fund", $"axe-core@{Version}" })
            {
                start.ArgumentList.Add(argument);
            }
            using var npm = Process.Start(start)!;
            var error = await npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0 || !File.Exists(script))
            {
                throw new InvalidOperationException($"npm could not install axe-core {Version}: {error}");
            }
        }
        return script;
    }
}
