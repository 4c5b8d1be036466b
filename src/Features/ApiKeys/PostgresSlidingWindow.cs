using Npgsql;

namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>
/// The sliding-window log of <see cref="SlidingWindowLog"/>, kept in PostgreSQL so that every instance counts the
/// same requests: the 61st request of a minute is refused whichever instance it reaches. One statement per request
/// (an upsert of the partition's row, which PostgreSQL locks while it decides), on an unlogged table, over connections
/// of its own whose commits do not wait for the disk (<c>synchronous_commit=off</c>): the counts are worth no
/// write-ahead log or fsync, and a crash of the database forgets at most one minute of them. Chosen over Redis:
/// nothing more to run; the cost per request is in docs/benchmarks.md (the <c>cluster</c> mode).
/// </summary>
public sealed class PostgresSlidingWindow(string connectionString, TimeProvider clock) : ISlidingWindow, IDisposable
{
    private readonly NpgsqlDataSource database = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c synchronous_commit=off", MaxPoolSize = 20, NoResetOnClose = true }.ConnectionString);

    /// <summary>Forgets partitions whose last request left the window, every so many requests.</summary>
    private const int SweepEvery = 4096;
    private int acquisitions;

    public TimeSpan Window { get; } = TimeSpan.FromMinutes(1);

    public async ValueTask<WindowDecision> AcquireAsync(string partition, int limit, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref acquisitions) % SweepEvery == 0)
        {
            await SweepAsync(cancellationToken);
        }
        var now = clock.GetUtcNow().UtcTicks;
        await using var acquire = database.CreateCommand("""
            INSERT INTO "RateLimitWindows" AS w ("Partition", "Times", "Admitted") VALUES (@partition, ARRAY[@now], true)
            ON CONFLICT ("Partition") DO UPDATE SET
                "Times" = ARRAY(SELECT t FROM unnest(w."Times") t WHERE t > @horizon ORDER BY t)
                    || CASE WHEN (SELECT count(*) FROM unnest(w."Times") t WHERE t > @horizon) < @limit THEN ARRAY[@now] ELSE '{}'::bigint[] END,
                "Admitted" = (SELECT count(*) FROM unnest(w."Times") t WHERE t > @horizon) < @limit
            RETURNING "Times", "Admitted"
            """);
        acquire.Parameters.AddWithValue("partition", partition);
        acquire.Parameters.AddWithValue("now", now);
        acquire.Parameters.AddWithValue("horizon", now - Window.Ticks);
        acquire.Parameters.AddWithValue("limit", (long)limit);
        await using var row = await acquire.ExecuteReaderAsync(cancellationToken);
        await row.ReadAsync(cancellationToken);
        return WindowDecision.From(row.GetFieldValue<long[]>(0), row.GetBoolean(1), limit, now, Window);
    }

    public void Dispose() => database.Dispose();

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using var sweep = database.CreateCommand("""DELETE FROM "RateLimitWindows" WHERE "Times"[array_upper("Times", 1)] <= @horizon""");
        sweep.Parameters.AddWithValue("horizon", clock.GetUtcNow().UtcTicks - Window.Ticks);
        await sweep.ExecuteNonQueryAsync(cancellationToken);
    }
}
