using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
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
        var problem = ToProblem(exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        if (!httpContext.IsApi())
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }

    internal static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        ConversionException conversion => ErrorProblems.For(conversion.Error.Code(), conversion.Message),
        InvalidConversionOptionsException invalid => WithErrors(
            Problem(400, ProblemTypes.InvalidOptions, "Invalid conversion options", "One or more options are invalid; each is listed under errors."),
            invalid.Errors),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            Problem(413, ProblemTypes.PayloadTooLarge, "The request body is too large.", null),
        BadHttpRequestException bad => Problem(bad.StatusCode, ProblemTypes.ForStatus(bad.StatusCode), "The request could not be read.", null),
        _ => Problem(500, ProblemTypes.Internal, "Something went wrong on our side. It has been logged.", null),
    };

    private static ProblemDetails Problem(int status, string type, string title, string? detail) =>
        new() { Status = status, Type = type, Title = title, Detail = detail };

    private static ProblemDetails WithErrors(ProblemDetails problem, IReadOnlyDictionary<string, string[]> errors)
    {
        problem.Extensions["errors"] = errors;
        return problem;
    }
}
