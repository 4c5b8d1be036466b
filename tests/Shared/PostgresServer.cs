using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Konvrt.Portal.TestSupport;

/// <summary>
/// A PostgreSQL cluster of the tests' own: Debian's server binaries (<c>apt install postgresql</c>), a fresh
/// <c>initdb</c> in a temporary folder, listening on a free loopback port and nowhere else. Never the system cluster.
/// One per test run (<see cref="Shared"/>), each test database created and dropped on it; stopped when the run ends.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string User = "konvrt";
    private readonly string directory;

    private PostgresServer(string directory, int port)
    {
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    private static readonly Lazy<Task<PostgresServer>> shared = new(async () =>
    {
        var server = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    });

    /// <summary>The run's one cluster, started on first use.</summary>
    public static Task<PostgresServer> Shared => shared.Value;

    /// <summary>The server's binaries: <c>KONVRT_PG_BIN</c>, else the newest of Debian's <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public static string BinaryFolder =>
        Environment.GetEnvironmentVariable("KONVRT_PG_BIN") is { Length: > 0 } configured ? configured
        : Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault() ?? throw NotInstalled()
            : throw NotInstalled();

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Database = database,
        // Many short-lived test hosts share the cluster: a pool each, kept small.
        MaxPoolSize = 20,
    }.ConnectionString;

    /// <summary>A new empty database on this cluster; drop it with <see cref="DropDatabaseAsync"/>.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "konvrt_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <param name="settings">More <c>-c name=value</c> server settings (the cluster benchmark loads pg_stat_statements).</param>
    public static async Task<PostgresServer> StartAsync(params string[] settings)
    {
        var bin = BinaryFolder;
        var directory = Path.Combine(Path.GetTempPath(), "konvrt-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        // initdb refuses to run as root: as root (a CI container), the cluster belongs to Debian's postgres user.
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", "postgres:postgres", directory);
        }
        var data = Path.Combine(directory, "data");
        await RunAsPostgresAsync(Path.Combine(bin, "initdb"), "-D", data, "-U", User, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C");
        var port = PortalProcess.FreePort();
        // Durability is not what a test checks: without fsync the cluster is several times faster to write to. A later
        // setting wins, so the benchmarks turn it back on.
        string[] options =
        [
            $"-p {port.ToString(CultureInfo.InvariantCulture)}", "-c listen_addresses=127.0.0.1", $"-c unix_socket_directories={directory}",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=400",
            .. settings.Select(setting => $"-c {setting}"),
        ];
        await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", data, "-o", string.Join(' ', options), "-l", Path.Combine(directory, "log"), "-w", "start");
        return new PostgresServer(directory, port);
    }

    private void Stop()
    {
        try
        {
            RunAsPostgresAsync(Path.Combine(BinaryFolder, "pg_ctl"), "-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop")
                .GetAwaiter().GetResult();
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // The temporary folder outlives a cluster that would not stop; nothing else depends on it.
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private static Task RunAsPostgresAsync(string program, params string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments])
            : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static InvalidOperationException NotInstalled() =>
        new("PostgreSQL's server is not installed: run 'apt-get install postgresql' (.ci/run does), or set KONVRT_PG_BIN to its bin folder.");
}
