using Konvrt.Portal.Components;
using Konvrt.Portal.Components.Display;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Errors;
using Konvrt.Portal.Infrastructure.Health;
using Konvrt.Portal.Infrastructure.Telemetry;
using Konvrt.Portal.Infrastructure.Http;
using Konvrt.Portal.Infrastructure.Outbound;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Konvrt.Portal.Infrastructure;

public static class PortalDefaultsSetup
{
    /// <summary>What every feature stands on: the data folder, the database, the Blazor host and error handling.</summary>
    public static IHostApplicationBuilder AddPortalDefaults(this IHostApplicationBuilder builder)
    {
        var paths = PortalPaths.From(builder.Configuration, builder.Environment.ContentRootPath);
        var services = builder.Services;
        services.AddSingleton(paths);
        services.AddSingleton<PortalUrls>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddPortalDatabase(builder.Configuration, paths);
        services.AddPortalStorage(builder.Configuration);
        services.AddSingleton<UploadSpool>();
        services.AddHostedService<BlobStoreStartup>();

        // Cookies and e-mail tokens must survive a restart and be read by every instance: the keys live in the database.
        services.AddDataProtection()
            .SetApplicationName("Konvrt.Portal")
            .PersistKeysToDbContext<PortalDbContext>();

        services.AddPortalHealth(builder.Configuration);
        services.AddPortalTelemetry(builder.Configuration);

        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            // No "Server: Kestrel" banner: it tells an attacker more than it tells a client.
            kestrel.AddServerHeader = false;
            // Kestrel's 30 MB default, chunked or not, is far more than any form or event; uploads raise their own.
            kestrel.Limits.MaxRequestBodySize = BoundedBody.DefaultMaxBytes;
        });
        services.AddOutboundPolicy(builder.Configuration);
        services.AddPortalProblemDetails();
        services.AddPortalSecurityHeaders();
        // Uploads from the Convert page stream in segments well under SignalR's 32 KB message limit, so that
        // limit stays; the per-file cap is Conversion:Limits:MaxInputBytes, applied where the file is read.
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<BrowserTime>();
        return builder;
    }

    public static WebApplication UsePortalDefaults(this WebApplication app)
    {
        // First: a scrape is answered before anything that could redirect it or wrap it in a page.
        app.UsePortalMetrics();
        app.UsePortalErrorHandling();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        app.UseAuthentication();
        return app;
    }

    /// <summary>After whatever must see the authenticated caller before authorization answers (the API's rate limits).</summary>
    public static WebApplication UsePortalAuthorization(this WebApplication app)
    {
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapPortalHealth();
        return app;
    }

    public static WebApplication MapPortalPages(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
