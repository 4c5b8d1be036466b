using Microsoft.AspNetCore.Diagnostics;

namespace Konvrt.Portal.Infrastructure.Errors;

/// <summary>
/// The one place exceptions become answers. API routes get RFC 9457 problem details; portal pages fall
/// through to the friendly error page. Neither ever carries a stack trace.
/// </summary>
internal sealed class PortalExceptionHandler(IProblemDetailsService problems, ILogger<PortalExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // UseExceptionHandler("/Error") has already rewritten the path: ask where the request was really going.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value ?? "";
        if (httpContext.RequestAborted.IsCancellationRequested && exception is OperationCanceledException or IOException)
        {
            // The client went away: nobody is left to answer, and nothing went wrong on our side.
            logger.LogDebug("The client of {Method} {Path} disconnected", httpContext.Request.Method, path);
            return true;
        }

        var problem = FailureProblems.For(exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError && problem.Status != StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, path);
        }
        else
        {
            logger.LogInformation("{Method} {Path} answered {Status}: {Reason}", httpContext.Request.Method, path, problem.Status, exception.Message);
        }

        if (!ApiRoutes.IsApiPath(path))
        {
            return false;
        }

        // The problem describes the request the client sent, not the error page the middleware swapped in.
        httpContext.Request.Path = path;
        httpContext.Response.StatusCode = problem.Status!.Value;
        if (FailureProblems.RetryAfterSeconds(problem) is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = FailureProblems.Seconds(seconds);
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }
}
