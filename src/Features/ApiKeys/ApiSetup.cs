using System.Text.Json.Serialization;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.ApiKeys.Contract;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Http;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>What every endpoint of the public API shares: rate limits, idempotency, JSON conventions and the docs.</summary>
public static class ApiSetup
{
    public const string Version1 = "/api/v1";
    private const string ReferencePolicy = "api-reference";

    public static IHostApplicationBuilder AddPublicApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiRateLimits>()
            .Bind(builder.Configuration.GetSection(ApiRateLimits.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Instances sharing PostgreSQL share the count; SQLite's one instance counts in memory.
        services.AddSingleton<ISlidingWindow>(provider => provider.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres
            ? new PostgresSlidingWindow(builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)!, provider.GetRequiredService<TimeProvider>())
            : new SlidingWindowLog(provider.GetRequiredService<TimeProvider>(), TimeSpan.FromMinutes(1)));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        services.AddOpenApi("v1", ApiContract.AddTo);
        // The reference page renders with an inline bootstrap script; only that page may run one.
        services.AddSecurityHeaderPolicies().AddPolicy(ReferencePolicy, policy => policy
            .AddFrameOptionsDeny()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self().UnsafeInline();
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self().Data();
                csp.AddConnectSrc().Self();
                csp.AddFrameAncestors().None();
            }));
        return builder;
    }

    /// <summary>Between authentication and authorization: a request without a valid key is limited too.</summary>
    public static WebApplication UseApiRateLimits(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Version1), api => api
            .Use((context, next) =>
            {
                ServerTiming.Start(context);
                return next(context);
            })
            .UseMiddleware<ApiRateLimiter>());
        return app;
    }

    /// <summary>The API group (every route needs a key of a Pro or Team workspace) and its documentation.</summary>
    public static RouteGroupBuilder MapPublicApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs/api", reference =>
            {
                reference.Title = "Konvrt API reference";
                reference.OpenApiRoutePattern = "/openapi/{documentName}.json";
                // A self-hosted portal fetches nothing from third parties: system fonts instead of Scalar's CDN, no
                // telemetry, and none of Scalar's own services (its AI agent, MCP, the developer toolbar's Deploy,
                // Generate SDK and Share): the page is Konvrt's reference, nothing else.
                reference.DefaultFonts = false;
                reference.Telemetry = false;
                reference.Agent = new ScalarAgentOptions { Disabled = true };
                reference.Mcp = new ScalarMcpOptions { Disabled = true };
                reference.ShowDeveloperTools = DeveloperToolsVisibility.Never;
                reference.HideClientButton = true;
                reference.OperationTitleSource = OperationTitleSource.Summary;
                reference.Favicon = "/favicon.svg";
            })
            .AllowAnonymous()
            .WithSecurityHeadersPolicy(ReferencePolicy);
        return app.MapGroup(Version1)
            .RequireAuthorization(ApiKeyDefaults.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
