using System.Diagnostics.Metrics;

namespace Konvrt.Portal.Infrastructure.Telemetry;

/// <summary>
/// Every Konvrt instrument, declared once. Names follow OpenTelemetry's conventions; the Prometheus exporter turns
/// <c>konvrt.conversions</c> into <c>konvrt_conversions_total</c> and <c>konvrt.stage.duration</c> (seconds) into
/// <c>konvrt_stage_duration_seconds</c>. Features record; this class knows nothing of them.
/// </summary>
public sealed class KonvrtMetrics : IDisposable
{
    public const string MeterName = "Konvrt";

    private readonly Meter meter;

    public KonvrtMetrics(IMeterFactory meters)
    {
        meter = meters.Create(MeterName);
        Conversions = meter.CreateCounter<long>("konvrt.conversions", description: "Jobs finished, by input_format, output_format, origin (api, browser, cli) and outcome (completed, failed).");
        StageDuration = meter.CreateHistogram<double>("konvrt.stage.duration", unit: "s", description: "How long each pipeline stage of a finished job took, by stage.");
        WebhookDeliveries = meter.CreateCounter<long>("konvrt.webhook.deliveries", description: "Webhook delivery attempts, by outcome (delivered, failed).");
        WebhookDuration = meter.CreateHistogram<double>("konvrt.webhook.duration", unit: "s", description: "How long a webhook receiver took to answer, by outcome.");
        StorageUploads = meter.CreateCounter<long>("konvrt.storage.uploads", description: "Outputs written to a workspace's storage destination, by outcome (stored, retrying, failed).");
        CreditsCharged = meter.CreateCounter<long>("konvrt.credits.charged", description: "Credits taken for conversions.");
        CreditsRefunded = meter.CreateCounter<long>("konvrt.credits.refunded", description: "Credits given back for conversions that failed.");
        RateLimitRefusals = meter.CreateCounter<long>("konvrt.rate_limit.refusals", description: "API requests refused with 429 by the per-workspace rate limit.");
    }

    public Counter<long> Conversions { get; }
    public Histogram<double> StageDuration { get; }
    public Counter<long> WebhookDeliveries { get; }
    public Histogram<double> WebhookDuration { get; }
    public Counter<long> StorageUploads { get; }
    public Counter<long> CreditsCharged { get; }
    public Counter<long> CreditsRefunded { get; }
    public Counter<long> RateLimitRefusals { get; }

    /// <summary>A gauge read on every scrape, for what is counted where it lives (the busy workers of this instance).</summary>
    public void Observe(string name, Func<long> read, string description) => meter.CreateObservableGauge(name, read, description: description);

    public void Observe(string name, Func<double> read, string description, string unit) => meter.CreateObservableGauge(name, read, unit, description);

    public void Dispose() => meter.Dispose();
}
