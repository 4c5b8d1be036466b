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

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);
}
