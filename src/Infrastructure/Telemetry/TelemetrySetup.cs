using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Konvrt.Portal.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry: metrics (Konvrt's own instruments, ASP.NET Core's and the runtime's, scraped by Prometheus) and traces
/// (requests, Konvrt's spans and outbound HTTP, exported over OTLP when a collector is configured).
/// </summary>
public static class TelemetrySetup
{
    public const string Path = "/metrics";

    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<KonvrtMetrics>();
        var options = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.Section));
        var telemetry = services.AddOpenTelemetry().WithTracing(tracing => Trace(tracing, configuration));
        if (options.Enabled)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(KonvrtMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                // Every scrape reads the instruments afresh: Prometheus asks every few seconds at most, and a cached
                // answer would hide what happened just before it.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        }
        return services;
    }

    /// <summary>
    /// Spans are always made, exported or not: their trace id is what a log line, a problem answer and a receiver's
    /// <c>traceparent</c> have in common. Probes and scrapes are left out: they would be most of the traces.
    /// </summary>
    private static void Trace(TracerProviderBuilder tracing, IConfiguration configuration)
    {
        tracing
            .AddSource(KonvrtTracing.SourceName)
            .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context =>
                !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments(Path))
            // .NET's HttpClient makes its own spans: webhook deliveries, URL sources and storage calls.
            .AddSource("System.Net.Http");
        var otlp = configuration.GetSection(TracingOptions.Section).Get<TracingOptions>() ?? new TracingOptions();
        if (otlp.Endpoint is { } endpoint)
        {
            tracing.AddOtlpExporter(exporter =>
            {
                var http = !string.Equals(otlp.Protocol, "grpc", StringComparison.OrdinalIgnoreCase);
                exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                // Over HTTP the exporter posts to the endpoint as given: the signal's path is the convention's.
                exporter.Endpoint = http && endpoint.AbsolutePath is "/" ? new Uri(endpoint, "v1/traces") : endpoint;
                exporter.Headers = otlp.Headers;
            });
        }
    }

    public static IApplicationBuilder UsePortalMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == Path
            && (options.Port is not { } port || context.Connection.LocalPort == port)
            && (options.Token is not { Length: > 0 } token || Authorized(context.Request.Headers.Authorization.ToString(), token)));
    }

    /// <summary>Compared in constant time: a scrape token is a secret.</summary>
    private static bool Authorized(string header, string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes("Bearer " + token));
}
