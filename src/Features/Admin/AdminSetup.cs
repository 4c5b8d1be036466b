using Konvrt.Portal.Features.Accounts;

namespace Konvrt.Portal.Features.Admin;

/// <summary>The admin console (<c>/admin</c>) for site administrators, and what it shares with the <c>admin</c> CLI.</summary>
public static class AdminSetup
{
    public const string Path = "/admin";

    public static IHostApplicationBuilder AddAdminConsole(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CreditGrants>();
        builder.Services.AddSingleton<AdminWorkspaces>();
        builder.Services.AddSingleton<AdminJobs>();
        builder.Services.AddSingleton<AdminOverview>();
        // Identity's managers are scoped: so is what works through them.
        builder.Services.AddScoped<AdminUsers>();
        return builder;
    }

    /// <summary>
    /// Everyone but a site administrator gets a 404 from <c>/admin</c>, signed in or not: the console is not even
    /// admitted to exist (a 403 or a sign-in page would). After authentication, so the role is known.
    /// </summary>
    public static WebApplication UseAdminConsole(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path) && !context.User.IsInRole(PortalUser.AdminRole))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(context);
        });
        return app;
    }
}
