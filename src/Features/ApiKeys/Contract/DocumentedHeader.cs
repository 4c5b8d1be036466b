using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.ApiKeys.Contract;

/// <summary>A header the API sends, as its reference describes it; each is declared once, beside what sends it.</summary>
public sealed record DocumentedHeader(string Name, string Description, JsonSchemaType Type = JsonSchemaType.String)
{
    public OpenApiHeader ToOpenApi() => new() { Description = Description, Schema = new OpenApiSchema { Type = Type } };

    /// <summary>Adds the headers to the responses of <paramref name="operation"/> whose status <paramref name="applies"/>.</summary>
    public static void AddTo(OpenApiOperation operation, Func<string, bool> applies, IEnumerable<DocumentedHeader> headers)
    {
        foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
        {
            if (applies(status) && response is OpenApiResponse answer)
            {
                answer.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.OrdinalIgnoreCase);
                foreach (var header in headers)
                {
                    answer.Headers[header.Name] = header.ToOpenApi();
                }
            }
        }
    }
}

public static class DocumentedHeaders
{
    /// <summary>Says in the API reference that the answers of this endpoint whose status <paramref name="applies"/> carry <paramref name="headers"/>.</summary>
    public static RouteHandlerBuilder WithResponseHeaders(this RouteHandlerBuilder endpoint, Func<string, bool> applies, params DocumentedHeader[] headers) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            DocumentedHeader.AddTo(operation, applies, headers);
            return Task.CompletedTask;
        });

    /// <summary>
    /// The answers that reach an endpoint's own filters: not those given before it runs (no key, a plan or role that
    /// may not call it, the rate limit).
    /// </summary>
    public static bool ReachesTheEndpoint(string status) => status is not ("401" or "403" or "429");
}
