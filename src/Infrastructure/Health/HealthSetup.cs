using System.Text.Json;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Konvrt.Portal.Infrastructure.Health;

/// <summary>
/// Three answers for three askers: <c>/healthz/live</c> says the process answers (restart it if not);
/// <c>/healthz/ready</c> says it can take work — database, storage and free disk (a load balancer sends none if not);
/// <c>/healthz</c> stays what it was, the database alone, for the monitors already pointed at it.
/// </summary>
public static class HealthSetup
{
    private const string Database = "database";
    private const string Ready = "ready";

    public static IServiceCollection AddPortalHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>()
            .Bind(configuration.GetSection(HealthOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>(Database, tags: [Ready], customTestQuery: async (db, ct) =>
            {
                // CanConnect alone succeeds on an empty file; this proves the schema answers.
                await db.Workspaces.CountAsync(ct);
                return true;
            })
            .AddCheck<StorageCheck>("storage", tags: [Ready])
            .AddCheck<FreeDiskCheck>("disk", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapPortalHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Name == Database }).AllowAnonymous();
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = WriteChecksAsync,
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>Each check's status and short reason, so an operator sees which one failed: <c>{"status":"Unhealthy","checks":{"disk":…}}</c>.</summary>
    private static Task WriteChecksAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        }, JsonSerializerOptions.Web, context.RequestAborted);
    }
}
