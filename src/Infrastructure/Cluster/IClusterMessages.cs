namespace Konvrt.Portal.Infrastructure.Cluster;

/// <summary>
/// Short notices between the instances sharing one database: "a job finished", "a job was queued", "a key was
/// revoked". They wake and invalidate; they never carry state: the database stays the truth, so a notice lost
/// (an instance reconnecting) costs at most a poll interval or a cache lifetime, never a job.
/// </summary>
public interface IClusterMessages
{
    /// <summary>Tells every other instance; this one's own subscribers are the sender's to tell.</summary>
    Task SendAsync(string topic, string payload, CancellationToken cancellationToken);

    /// <summary>Hears <paramref name="topic"/> from the other instances.</summary>
    IDisposable Subscribe(string topic, Action<string> handler);
}

/// <summary>One instance (SQLite): nobody else to tell.</summary>
internal sealed class SingleInstanceMessages : IClusterMessages
{
    public Task SendAsync(string topic, string payload, CancellationToken cancellationToken) => Task.CompletedTask;

    public IDisposable Subscribe(string topic, Action<string> handler) => new Unsubscribed();

    private sealed class Unsubscribed : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
