using System.Diagnostics;

namespace Konvrt.Portal.Infrastructure.Errors;

internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddPortalProblemDetails(this IServiceCollection services)
    {
        services.AddExceptionHandler<PortalExceptionHandler>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            // ASP.NET fills in RFC section links; our clients get our own stable type for every status.
            if (problem.Type is null || !problem.Type.StartsWith(ErrorCatalog.TypeBase, StringComparison.Ordinal))
            {
                problem.Type = ErrorCatalog.TypeForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
            }
            problem.Instance ??= context.HttpContext.Request.Path;
            // The trace's id: the same in the log lines of the request, in the spans of a collector, and in what the job
            // and its webhooks carry on, so one id quoted by a client finds all of them.
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToHexString() ?? context.HttpContext.TraceIdentifier;
        });
        return services;
    }

    /// <summary>Unhandled exceptions and bare status codes: problem details on the API, pages on the portal.</summary>
    public static WebApplication UsePortalErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            CreateScopeForErrors = true,
            // A page the client broke (a body too large, a form that expired) is not a 500 either.
            StatusCodeSelector = exception => FailureProblems.For(exception).Status ?? StatusCodes.Status500InternalServerError,
        });
        // Order matters: the API branch runs inside and writes a problem body first, which makes the
        // outer re-execute leave the response alone. (Re-execute itself cannot live inside UseWhen:
        // the branch loses the routing it needs to render /not-found.)
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(context => context.IsApi(), api => api.UseStatusCodePages());
        return app;
    }
}
