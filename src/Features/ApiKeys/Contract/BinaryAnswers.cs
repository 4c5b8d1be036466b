using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.ApiKeys.Contract;

public static class BinaryAnswers
{
    /// <summary>
    /// Says the endpoint answers <paramref name="status"/> with the file itself in one of <paramref name="contentTypes"/>:
    /// generators then hand their caller a stream, not a string to decode.
    /// </summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder endpoint, int status, string description, params string[] contentTypes) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = description,
                Content = contentTypes.ToDictionary(type => type,
                    _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
            };
            return Task.CompletedTask;
        });
}
