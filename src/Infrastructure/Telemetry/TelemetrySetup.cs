using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Konvrt.Portal.Infrastructure.Telemetry;

/// <summary>OpenTelemetry metrics: Konvrt's own instruments, ASP.NET Core's and the runtime's, scraped by Prometheus.</summary>
public static class TelemetrySetup
{
    public const string Path = "/metrics";

    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<KonvrtMetrics>();
        var options = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.Section));
        if (options.Enabled)
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(KonvrtMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                // Every scrape reads the instruments afresh: Prometheus asks every few seconds at most, and a cached
                // answer would hide what happened just before it.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        }
        return services;
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
