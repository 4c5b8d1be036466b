using System.ComponentModel.DataAnnotations;

namespace Konvrt.Portal.Infrastructure.Health;

/// <summary><c>Health</c>: when an instance stops taking traffic.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// Below this many megabytes free where the data folder lives (uploads are spooled there, and on local storage the
    /// images are kept there too), <c>/healthz/ready</c> answers 503, so a load balancer sends work elsewhere before a
    /// write fails.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MinFreeDiskMb { get; set; } = 512;
}
