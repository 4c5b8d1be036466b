using System.ComponentModel.DataAnnotations;

namespace Konvrt.Portal.Features.Jobs;

/// <summary><c>Jobs:*</c> settings.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Background workers per process; 0 runs none (a host that only accepts uploads). Default: one per core.</summary>
    [Range(0, 256)]
    public int Workers { get; set; } = Environment.ProcessorCount;

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a submission waits for its job to finish before answering "queued".</summary>
    [Range(0, 300)]
    public double SyncWaitSeconds { get; set; } = 10;

    [Range(0.01, 24 * 365)]
    public double RetentionHours { get; set; } = 24;

    /// <summary>A worker's claim on a job lasts this long unless its heartbeat renews it.</summary>
    [Range(1, 3600)]
    public double LeaseSeconds { get; set; } = 30;

    [Range(1, 3600)]
    public double JobTimeoutSeconds { get; set; } = 120;

    /// <summary>How often idle workers look for work that no signal announced (another host's retries, expired leases).</summary>
    [Range(0.05, 600)]
    public double PollSeconds { get; set; } = 2;

    [Range(1, 86400)]
    public double SweepIntervalSeconds { get; set; } = 300;

    /// <summary>A job finished this long ago and still not notified (its host died in between) is notified by the straggler sweep, which runs this often.</summary>
    [Range(1, 3600)]
    public double StragglerSeconds { get; set; } = 60;

    /// <summary>How long fetching a URL source may take, redirects included.</summary>
    [Range(1, 600)]
    public double FetchTimeoutSeconds { get; set; } = 30;

    /// <summary>How many sources (files and URLs) one convert request may carry; each becomes a job of its batch.</summary>
    [Range(1, 1000)]
    public int MaxSourcesPerRequest { get; set; } = 100;

    /// <summary>The waits before each new try at storing an output whose upload failed: then it is reported failed.</summary>
    public static IReadOnlyList<TimeSpan> StoreRetrySchedule { get; } =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6),
    ];

    /// <summary>Multiplies every wait of <see cref="StoreRetrySchedule"/>: 1 in production; tests and staging shrink it.</summary>
    [Range(0.0001, 100)]
    public double StoreRetryScale { get; set; } = 1;

    /// <summary>How often a host looks for uploads due a retry.</summary>
    [Range(0.05, 600)]
    public double StoreRetryPollSeconds { get; set; } = 5;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);
}
