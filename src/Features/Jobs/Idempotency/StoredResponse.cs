namespace Konvrt.Portal.Features.Jobs.Idempotency;

/// <summary>An API answer as bytes on the wire, so that an idempotent repeat gets exactly the first one.</summary>
public sealed record StoredResponse(int StatusCode, string ContentType, string Body, string? Location) : IResult
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
}
