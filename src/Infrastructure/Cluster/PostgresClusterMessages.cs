using System.Collections.Concurrent;
using System.Collections.Immutable;
using Npgsql;

namespace Konvrt.Portal.Infrastructure.Cluster;

/// <summary>
/// <see cref="IClusterMessages"/> over PostgreSQL's LISTEN/NOTIFY on the database the instances share: nothing else
/// to run. A notice reaches the listening instances in about a millisecond on a LAN; each instance keeps one
/// connection listening and reconnects after a failure. An instance hears its own notices too, and drops them.
/// </summary>
internal sealed class PostgresClusterMessages(string connectionString, NpgsqlDataSource sender, ILogger<PostgresClusterMessages> logger)
    : BackgroundService, IClusterMessages
{
    private const string Channel = "konvrt";
    private const char Separator = '\u001f';
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(1);

    private readonly string instance = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, ImmutableList<Action<string>>> handlers = new(StringComparer.Ordinal);

    public async Task SendAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        await using var notify = sender.CreateCommand("SELECT pg_notify(@channel, @message)");
        notify.Parameters.AddWithValue("channel", Channel);
        notify.Parameters.AddWithValue("message", string.Join(Separator, topic, instance, payload));
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }

    public IDisposable Subscribe(string topic, Action<string> handler)
    {
        handlers.AddOrUpdate(topic, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(() => handlers.AddOrUpdate(topic, _ => [], (_, list) => list.Remove(handler)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Keepalives notice a connection that died quietly, so the instance reconnects instead of hearing nothing.
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 15 }.ConnectionString);
                connection.Notification += (_, notice) => Deliver(notice.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning(exception, "Listening for other instances' notices failed; reconnecting");
                await Task.Delay(Reconnect, stoppingToken);
            }
        }
    }

    private void Deliver(string message)
    {
        var parts = message.Split(Separator, 3);
        if (parts.Length != 3 || parts[1] == instance || !handlers.TryGetValue(parts[0], out var subscribed))
        {
            return;
        }
        foreach (var handler in subscribed)
        {
            try
            {
                handler(parts[2]);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "A handler of the cluster notice {Topic} failed", parts[0]);
            }
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref unsubscribe, null)?.Invoke();
    }
}
