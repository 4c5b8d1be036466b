using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

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
        var (status, title) = Classify(exception);
        if (status >= StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        if (!httpContext.IsApi())
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Type = ProblemTypes.ForStatus(status),
            },
        });
    }

    internal static (int Status, string Title) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (StatusCodes.Status413PayloadTooLarge, "The request body is too large."),
        BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
        _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side. It has been logged."),
    };
}
