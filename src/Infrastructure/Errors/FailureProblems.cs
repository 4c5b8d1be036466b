using System.Globalization;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;

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
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteFull = 13;
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

    /// <summary>The real "no space left on device" (ENOSPC), or SQLite's "database or disk is full", however deep it is wrapped.</summary>
    public static bool IsDiskFull(Exception exception) => Causes(exception).Any(cause =>
        cause is IOException && cause.HResult is DiskFullErrno or WindowsDiskFull or WindowsHandleDiskFull
        || cause is SqliteException { SqliteErrorCode: SqliteFull });

    /// <summary>SQLite's busy timeout ran out while another connection held the write lock.</summary>
    public static bool IsDatabaseBusy(Exception exception) => Causes(exception).Any(cause =>
        cause is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked });

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
