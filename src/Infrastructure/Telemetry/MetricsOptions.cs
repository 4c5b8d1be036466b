namespace Konvrt.Portal.Infrastructure.Telemetry;

/// <summary><c>Metrics</c>: the Prometheus endpoint, off unless asked for.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Serve <c>/metrics</c> in Prometheus' text format.</summary>
    public bool Enabled { get; set; }

    /// <summary>When set, a scrape must send <c>Authorization: Bearer &lt;token&gt;</c>; anything else is a 404, as if there were no endpoint.</summary>
    public string? Token { get; set; }

    /// <summary>When set, <c>/metrics</c> answers only on this port (an internal one the load balancer does not expose).</summary>
    public int? Port { get; set; }
}
