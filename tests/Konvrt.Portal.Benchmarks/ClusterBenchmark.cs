using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.TestSupport;
using Npgsql;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace Konvrt.Portal.Benchmarks;

/// <summary>
/// One instance against two on this machine, over one PostgreSQL cluster of its own (fsync on, pg_stat_statements
/// loaded) and one s3rver bucket, behind docs/deploy/nginx.conf: the same async jobs through the one address, and
/// what each job costs the shared parts (statements, transactions, WAL bytes); then the shared rate limit's cost.
/// </summary>
internal static class ClusterBenchmark
{
    private const string Bucket = "konvrt-data";

    public static async Task<string> RunAsync(int jobs)
    {
        await using var postgres = await PostgresServer.StartAsync(
            "fsync=on", "synchronous_commit=on", "full_page_writes=on", "shared_preload_libraries=pg_stat_statements");
        await using var s3 = await S3Server.StartAsync(Bucket);
        var database = await postgres.CreateDatabaseAsync();
        var connection = postgres.ConnectionString(database);
        var settings = new Dictionary<string, string>(s3.PortalStorage(Bucket))
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = connection,
            ["Api:RateLimits:Pro"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var folders = new List<string>();
        string Folder()
        {
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "konvrt-clusterbench-" + Guid.NewGuid().ToString("N")[..8])).FullName;
            folders.Add(folder);
            return folder;
        }
        try
        {
            var key = await BenchmarkAccount.CreateKeyAsync(Folder(), "Cluster benchmark", settings);
            await using (var statements = new NpgsqlConnection(connection))
            {
                await statements.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", statements);
                await create.ExecuteNonQueryAsync();
            }
            var photo = Path.Combine(Folder(), "photo.jpg");
            using (var image = Image.Load(Path.Combine(AppContext.BaseDirectory, "TestImages", "photo1_olympus-ep3_4032x3024.jpg")))
            {
                image.Mutate(x => x.Resize(1400, 1050));
                await image.SaveAsJpegAsync(photo);
            }

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"{jobs} async jobs (a 1400×1050 JPEG → WebP thumbnail, each its own size), 8 submitting at once through nginx; each instance runs Jobs:Workers = cores ({Environment.ProcessorCount}). PostgreSQL {ServerVersion(connection)} with fsync on, s3rver for the bucket; all on this one machine.");
            report.AppendLine();
            var rows = new StringBuilder("| Instances | Images/s | Wall s | Statements / job | Transactions / job | WAL KB / job |\n|---:|---:|---:|---:|---:|---:|\n");
            var heaviest = new StringBuilder();
            var offset = 0;
            foreach (var instances in new[] { 1, 2 })
            {
                var portals = new List<PortalProcess>();
                try
                {
                    for (var i = 0; i < instances; i++)
                    {
                        portals.Add(await PortalProcess.StartAsync(Folder(), settings));
                    }
                    await using var nginx = await NginxServer.StartAsync(Path.Combine(PortalProcess.RepositoryRoot, "docs", "deploy", "nginx.conf"), [.. portals.Select(p => p.Port)]);
                    using var client = new HttpClient { BaseAddress = new Uri(nginx.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    // Warm every instance's JIT and pools before counting.
                    await SubmitAndFinishAsync(client, photo, 8 * instances, offset, connection);
                    offset += 8 * instances;

                    await ExecuteAsync(connection, "SELECT pg_stat_statements_reset()");
                    var before = await CountersAsync(connection);
                    var watch = Stopwatch.StartNew();
                    await SubmitAndFinishAsync(client, photo, jobs, offset, connection);
                    var wall = watch.Elapsed.TotalSeconds;
                    var after = await CountersAsync(connection);
                    offset += jobs;
                    rows.AppendLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {instances} | {jobs / wall:0.0} | {wall:0.0} | {(after.Statements - before.Statements) / (double)jobs:0.0} | {(after.Transactions - before.Transactions) / (double)jobs:0.0} | {(after.WalBytes - before.WalBytes) / 1024.0 / jobs:0.0} |"));
                    heaviest.AppendLine(CultureInfo.InvariantCulture, $"With {instances} instance(s), the statements that took the database longest (all calls of the run):");
                    heaviest.AppendLine();
                    heaviest.AppendLine(await HeaviestStatementsAsync(connection, jobs));
                }
                finally
                {
                    foreach (var portal in portals)
                    {
                        await portal.DisposeAsync();
                    }
                }
            }
            report.Append(rows);
            report.AppendLine();
            report.AppendLine("The counts include the pollers of every instance for the duration (idle workers, webhook dispatcher, retry and sweep loops), as a real cluster pays them.");
            report.AppendLine();
            report.Append(heaviest);
            report.AppendLine();
            report.AppendLine(await RateLimitCostAsync(connection));
            return report.ToString();
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
            foreach (var folder in folders)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task SubmitAndFinishAsync(HttpClient client, string photo, int count, int offset, string connection)
    {
        var jpeg = await File.ReadAllBytesAsync(photo);
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(offset, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (index, ct) =>
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent("webp"), "format" },
                { new StringContent((200 + index).ToString(CultureInfo.InvariantCulture)), "maxWidth" },
                { new StringContent("true"), "async" },
                { new ByteArrayContent(jpeg), "file", "photo.jpg" },
            };
            using var answer = await client.PostAsync("/api/v1/convert", form, ct);
            var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(ct)).RootElement;
            ids.Add(answer.IsSuccessStatusCode ? body.GetProperty("jobId").GetGuid() : throw new InvalidOperationException(body.ToString()));
        });
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var idList = ids.ToArray();
        while (true)
        {
            await using var query = new NpgsqlCommand("""SELECT count(*) FROM "ConversionJobs" WHERE "Id" = ANY(@ids) AND "NotifiedAt" IS NOT NULL""", db);
            query.Parameters.AddWithValue("ids", idList);
            if ((long)(await query.ExecuteScalarAsync())! == idList.Length)
            {
                return;
            }
            await Task.Delay(20);
        }
    }

    private sealed record Counters(long Statements, long Transactions, long WalBytes);

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The six statements with the most total time, per job and per call: where the database's share of a job goes.</summary>
    private static async Task<string> HeaviestStatementsAsync(string connection, int jobs)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("""
            SELECT left(regexp_replace(query, '\s+', ' ', 'g'), 90), calls, mean_exec_time, max_exec_time
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC LIMIT 6
            """, db);
        var table = new StringBuilder("| Statement | Calls / job | Mean ms | Max ms |\n|---|---:|---:|---:|\n");
        await using var row = await query.ExecuteReaderAsync();
        while (await row.ReadAsync())
        {
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{row.GetString(0).Replace("|", "\\|", StringComparison.Ordinal)}` | {row.GetInt64(1) / (double)jobs:0.0} | {row.GetDouble(2):0.000} | {row.GetDouble(3):0.000} |"));
        }
        return table.ToString();
    }

    private static async Task<Counters> CountersAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("""
            SELECT (SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements),
                   (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()),
                   pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint
            """, db);
        await using var row = await query.ExecuteReaderAsync();
        await row.ReadAsync();
        return new Counters(row.GetInt64(0), row.GetInt64(1), row.GetInt64(2));
    }

    private static string ServerVersion(string connection)
    {
        using var db = new NpgsqlConnection(connection);
        db.Open();
        return db.PostgreSqlVersion.ToString();
    }

    /// <summary>
    /// The shared sliding window's own cost: one upsert per API request, one partition or many, alone or eight at once,
    /// at the real limit (60 a minute), so a window holds at most 60 times and most of these requests are refused.
    /// </summary>
    private static async Task<string> RateLimitCostAsync(string connection)
    {
        const int Limit = 60;
        using var window = new PostgresSlidingWindow(connection, TimeProvider.System);
        async Task<double> MicrosecondsPerRequestAsync(int parallel, bool onePartition, int perTask)
        {
            await window.AcquireAsync("warm", Limit, CancellationToken.None);
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, parallel).Select(async task =>
            {
                for (var i = 0; i < perTask; i++)
                {
                    await window.AcquireAsync(onePartition ? "workspace:bench" : $"workspace:{task}-{i % 50}", Limit, CancellationToken.None);
                }
            }));
            return watch.Elapsed.TotalMicroseconds / (parallel * perTask);
        }
        var alone = await MicrosecondsPerRequestAsync(1, onePartition: true, 2000);
        var eightMany = await MicrosecondsPerRequestAsync(8, onePartition: false, 500);
        var eightOne = await MicrosecondsPerRequestAsync(8, onePartition: true, 500);
        return string.Create(CultureInfo.InvariantCulture,
            $"Shared rate limit (PostgresSlidingWindow: its commits do not wait for the disk; loopback): {alone:0} µs per request one at a time; with 8 at once, {eightMany:0} µs per request across workspaces and {eightOne:0} µs on one workspace (its row is locked while each decides). The in-memory log SQLite uses costs well under 1 µs.");
    }
}
