using System.ComponentModel.DataAnnotations;

namespace Konvrt.Portal.Features.Webhooks;

/// <summary><c>Webhooks</c>: how outgoing webhooks are delivered.</summary>
public sealed class WebhooksOptions
{
    public const string Section = "Webhooks";

    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The waits before each attempt: the first at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.</summary>
    public static IReadOnlyList<TimeSpan> Schedule { get; } =
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>Multiplies every wait of the schedule: 1 in production; tests and staging shrink it.</summary>
    [Range(0.0001, 100)]
    public double ScheduleScale { get; set; } = 1;

    /// <summary>An endpoint whose deliveries have all failed for this long is disabled and its owners told.</summary>
    [Range(1, 365)]
    public int DisableAfterFailingDays { get; set; } = 5;

    [Range(0.1, 60)]
    public double PollSeconds { get; set; } = 1;

    public const int MaxResponseExcerptBytes = 4096;

    /// <summary>The most of an attempt's request or response headers the delivery log keeps.</summary>
    public const int MaxHeaderLogChars = 4096;
}
