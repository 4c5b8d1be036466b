using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Konvrt.Portal.Features.Jobs.Idempotency;

/// <summary>An API answer as bytes on the wire, so that an idempotent repeat gets exactly the first one.</summary>
/// <param name="CreditsCharged">What the answered request charged; a replay charges nothing, so it is not stored.</param>
public sealed record StoredResponse(int StatusCode, string ContentType, string Body, string? Location, int CreditsCharged = 0) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = ContentType;
        if (Location is not null)
        {
            httpContext.Response.Headers.Location = Location;
        }
        await httpContext.Response.WriteAsync(Body);
    }

    /// <summary>The answer a typed result will give, as stored bytes; null for a result that is not a JSON answer.</summary>
    public static StoredResponse? From(IResult result, JsonSerializerOptions json) => result switch
    {
        StoredResponse stored => stored,
        INestedHttpResult nested => From(nested.Result, json),
        Ok<JobResponse> ok => new(StatusCodes.Status200OK, "application/json; charset=utf-8", JsonSerializer.Serialize(ok.Value, json), null, ok.Value!.CreditsCharged),
        Accepted<JobResponse> accepted => new(StatusCodes.Status202Accepted, "application/json; charset=utf-8",
            JsonSerializer.Serialize(accepted.Value, json), accepted.Location, accepted.Value!.CreditsCharged),
        Ok<BatchResponse> ok => new(StatusCodes.Status200OK, "application/json; charset=utf-8", JsonSerializer.Serialize(ok.Value, json), null, ok.Value!.CreditsCharged),
        Accepted<BatchResponse> accepted => new(StatusCodes.Status202Accepted, "application/json; charset=utf-8",
            JsonSerializer.Serialize(accepted.Value, json), accepted.Location, accepted.Value!.CreditsCharged),
        ProblemHttpResult problem => new(problem.StatusCode, "application/problem+json", JsonSerializer.Serialize(problem.ProblemDetails, json), null),
        _ => null,
    };
}
