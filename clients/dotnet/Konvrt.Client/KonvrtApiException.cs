using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Konvrt.Client;

/// <summary>
/// The server said no: its RFC 9457 problem, with the <see cref="ProblemType"/> to switch on (<c>insufficient-credits</c>,
/// <c>invalid-options</c>…; each explained at <c>/problems/&lt;type&gt;</c> on the server), the field errors of a 400 and
/// the <see cref="TraceId"/> an operator finds the request by.
/// </summary>
public sealed class KonvrtApiException : Exception
{
    internal KonvrtApiException(HttpStatusCode status, KonvrtProblem problem)
        : base($"{(int)status} {problem.Title}{(problem.Detail is { Length: > 0 } detail ? ": " + detail : "")}" +
            string.Concat((problem.Errors ?? new Dictionary<string, string[]>()).Select(error => $" {error.Key}: {string.Join(" ", error.Value)}")))
    {
        Status = status;
        Problem = problem;
    }

    public HttpStatusCode Status { get; }

    public KonvrtProblem Problem { get; }

    /// <summary>The problem type's name: the last segment of its <c>type</c> URI.</summary>
    public string ProblemType => Problem.Type?.TrimEnd('/').Split('/')[^1] ?? "about:blank";

    public string? TraceId => Problem.TraceId;

    public IReadOnlyDictionary<string, string[]> Errors => Problem.Errors ?? new Dictionary<string, string[]>();

    internal static async Task<KonvrtApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        KonvrtProblem? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync(KonvrtJson.Default.KonvrtProblem, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page in front of the server): the status still says what happened.
        }
        catch (NotSupportedException)
        {
            // No JSON content type at all.
        }
        return new KonvrtApiException(response.StatusCode, problem ?? new KonvrtProblem(null, response.ReasonPhrase ?? "Request failed", (int)response.StatusCode, null, null, null, null));
    }
}

/// <summary>An RFC 9457 problem as Konvrt sends it.</summary>
public sealed record KonvrtProblem(
    string? Type, string Title, int Status, string? Detail, string? Instance, string? TraceId, IReadOnlyDictionary<string, string[]>? Errors);
