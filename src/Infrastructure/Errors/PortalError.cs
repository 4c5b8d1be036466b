using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Konvrt.Portal.Infrastructure.Errors;

/// <summary>
/// One way a request or a job can fail, as every reader needs it: the code a failed job records, the HTTP
/// status and the problem's type and title for the API, the words people read in the portal, and the exit
/// code of the command line. Rows live in <see cref="ErrorCatalog"/>; nothing else spells a code or a type.
/// </summary>
/// <param name="Code">What a failed job stores and clients switch on.</param>
/// <param name="TypeName">The problem type's last segment; several codes may share one type.</param>
/// <param name="MessageSaysMore">The error's own message names the limit and its numbers: people read it rather than <paramref name="PortalText"/>.</param>
public sealed record PortalError(
    string Code, int Status, string TypeName, string Title, string PortalTitle, string PortalText, int ExitCode = 1, bool MessageSaysMore = false)
{
    /// <summary>The RFC 9457 <c>type</c>: a stable URI clients switch on; a published one never changes.</summary>
    public string Type => ErrorCatalog.TypeBase + TypeName;

    public ProblemDetails Problem(string? detail = null) => new() { Status = Status, Type = Type, Title = Title, Detail = detail };

    public ProblemHttpResult Result(string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: Status, title: Title, type: Type, extensions: extensions);
}
