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
    /// <summary>Says in the API reference that every answer of this endpoint carries <paramref name="headers"/>.</summary>
    public static RouteHandlerBuilder WithResponseHeaders(this RouteHandlerBuilder endpoint, params DocumentedHeader[] headers) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            DocumentedHeader.AddTo(operation, _ => true, headers);
            return Task.CompletedTask;
        });
}
