using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Konvrt.Portal.TestSupport;

/// <summary>
/// Debian's nginx (<c>apt install nginx-light</c>) on a free loopback port, running a site file of the repository
/// (docs/deploy/nginx.conf) with only its upstream servers and listen port replaced, in a temporary prefix of its own.
/// </summary>
public sealed partial class NginxServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private NginxServer(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        BaseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    public string BaseUrl { get; }

    public static string Executable =>
        File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
        : throw new InvalidOperationException("nginx is not installed: run 'apt-get install nginx-light' (.ci/run does).");

    /// <summary>Starts <paramref name="siteFile"/> in front of the instances on <paramref name="upstreamPorts"/>.</summary>
    public static async Task<NginxServer> StartAsync(string siteFile, IReadOnlyList<int> upstreamPorts)
    {
        var directory = Path.Combine(Path.GetTempPath(), "konvrt-nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        var port = PortalProcess.FreePort();
        var site = RewriteSite(await File.ReadAllTextAsync(siteFile), port, upstreamPorts);
        await File.WriteAllTextAsync(Path.Combine(directory, "site.conf"), site);
        // As root, nginx's workers would switch to nobody, who may not write this prefix: keep them as the caller.
        var user = Environment.IsPrivilegedProcess ? "user root;" : "";
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            {{user}}
            worker_processes 1;
            error_log {{directory}}/logs/error.log warn;
            pid {{directory}}/nginx.pid;
            events { worker_connections 1024; }
            http {
                access_log {{directory}}/logs/access.log;
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include {{directory}}/site.conf;
            }
            """);
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx could not be started.");
        var server = new NginxServer(process, directory, port);
        if (await PortalProcess.ListeningAsync(port, process, TimeSpan.FromSeconds(20)))
        {
            return server;
        }
        var errors = File.Exists(Path.Combine(directory, "logs", "error.log")) ? await File.ReadAllTextAsync(Path.Combine(directory, "logs", "error.log")) : "";
        await server.DisposeAsync();
        throw new TimeoutException($"nginx did not listen on port {port}: {errors}");
    }

    /// <summary>The site file with each upstream's servers pointed at <paramref name="upstreamPorts"/> and its listen port moved.</summary>
    public static string RewriteSite(string site, int listenPort, IReadOnlyList<int> upstreamPorts)
    {
        var rewritten = UpstreamBlock().Replace(site, block =>
        {
            var servers = ServerLine().Matches(block.Value);
            if (servers.Count == 0)
            {
                return block.Value;
            }
            var options = servers[0].Groups["options"].Value;
            var lines = string.Join("\n", upstreamPorts.Select(upstream => $"    server 127.0.0.1:{upstream.ToString(CultureInfo.InvariantCulture)}{options};"));
            var withoutServers = ServerLine().Replace(block.Value, "");
            return withoutServers.Insert(withoutServers.LastIndexOf('}'), lines + "\n");
        });
        return ListenLine().Replace(rewritten, $"listen 127.0.0.1:{listenPort.ToString(CultureInfo.InvariantCulture)};", 1);
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        Directory.Delete(directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"upstream\s+\w+\s*\{[^}]*\}")]
    private static partial Regex UpstreamBlock();

    [GeneratedRegex(@"^\s*server\s+[^\s;]+(?<options>[^;]*);[ \t]*\n", RegexOptions.Multiline)]
    private static partial Regex ServerLine();

    [GeneratedRegex(@"listen\s+80;")]
    private static partial Regex ListenLine();
}
