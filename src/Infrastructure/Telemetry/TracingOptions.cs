namespace Konvrt.Portal.Infrastructure.Telemetry;

/// <summary><c>Otlp</c>: where traces are exported. Spans are made either way (their ids are in logs, problems and outbound requests).</summary>
public sealed class TracingOptions
{
    public const string Section = "Otlp";

    /// <summary>An OTLP collector (Jaeger, Tempo, the OpenTelemetry Collector…); nothing is exported without one.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>http</c> (OTLP over HTTP with protobuf, port 4318 by convention) or <c>grpc</c> (port 4317).</summary>
    public string Protocol { get; set; } = "http";

    /// <summary>Extra headers for the collector, <c>name=value</c> separated by commas (an API key of a hosted one).</summary>
    public string? Headers { get; set; }
}
