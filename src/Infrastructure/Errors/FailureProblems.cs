using System.Globalization;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Konvrt.Portal.Infrastructure.Errors;

/// <summary>
/// What an exception means to the client that caused it: a refused image, a body that could not be read, a
/// full disk, a database too busy to answer in time — or, for anything else, our own failure.
/// </summary>
internal static class FailureProblems
{
    private const string RetryAfterKey = "retryAfter";
    private const int DiskFullErrno = 28;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int BusyRetryAfterSeconds = 2;

    public static ProblemDetails For(Exception exception) => exception switch
    {
        ConversionException conversion => conversion.Error.Describe().Problem(conversion.Message),
        InvalidConversionOptionsException invalid => WithErrors(
            ErrorCatalog.InvalidOptions.Problem("One or more options are invalid; each is listed under errors."), invalid.Errors),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            ErrorCatalog.PayloadTooLarge.Problem("The request body is larger than this endpoint accepts."),
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = bad.StatusCode, Type = ErrorCatalog.TypeForStatus(bad.StatusCode), Title = ErrorCatalog.BadRequest.Title, Detail = bad.Message,
        },
        AntiforgeryValidationException => ErrorCatalog.MalformedRequest.Problem("The form has expired: reload the page and try again."),
        _ when IsDiskFull(exception) => ErrorCatalog.InsufficientStorage.Problem(ErrorCatalog.InsufficientStorage.PortalText),
        _ when IsDatabaseBusy(exception) => RetryAfter(ErrorCatalog.TemporarilyUnavailable.Problem(ErrorCatalog.TemporarilyUnavailable.PortalText), BusyRetryAfterSeconds),
        _ => ErrorCatalog.Internal.Problem(),
    };

    /// <summary>How long a client should wait before repeating a request that failed this way, if it should.</summary>
    public static int? RetryAfterSeconds(ProblemDetails problem) =>
        problem.Extensions.TryGetValue(RetryAfterKey, out var value) && value is int seconds ? seconds : null;

    /// <summary>The real "no space left on device" (ENOSPC), or the database's "disk is full", however deep it is wrapped.</summary>
    public static bool IsDiskFull(Exception exception) =>
        Causes(exception).Any(cause => cause is IOException && cause.HResult is DiskFullErrno or WindowsDiskFull or WindowsHandleDiskFull)
        || DatabaseErrors.IsFull(exception);

    /// <summary>The database could not answer in time (SQLite's busy timeout, a PostgreSQL hiccup): the client may retry.</summary>
    public static bool IsDatabaseBusy(Exception exception) => DatabaseErrors.IsBusy(exception);

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            yield return cause;
        }
    }

    private static ProblemDetails RetryAfter(ProblemDetails problem, int seconds)
    {
        problem.Extensions[RetryAfterKey] = seconds;
        return problem;
    }

    private static ProblemDetails WithErrors(ProblemDetails problem, IReadOnlyDictionary<string, string[]> errors)
    {
        problem.Extensions["errors"] = errors;
        return problem;
    }

    public static string Seconds(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
