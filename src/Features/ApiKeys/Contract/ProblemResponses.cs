using System.Globalization;
using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.ApiKeys.Contract;

/// <summary>
/// Every problem answer as it is sent: RFC 9457 with <c>type</c>, <c>title</c> and <c>status</c> always there, the
/// <c>traceId</c> to quote to an operator, <c>errors</c> per field on a 400; and each response names the problem types
/// (from <see cref="ErrorCatalog"/>) it can carry, each linked to the page that explains it.
/// </summary>
internal static class ProblemResponses
{
    private const string ProblemSchema = "ProblemDetails";
    private const string ValidationProblemSchema = "HttpValidationProblemDetails";
    private const string ProblemContentType = "application/problem+json";

    public static void Apply(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas[ProblemSchema] = Problem(withErrors: false);
        document.Components.Schemas[ValidationProblemSchema] = Problem(withErrors: true);
        foreach (var (_, operation) in ApiContract.Operations(document))
        {
            foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
            {
                if (response is OpenApiResponse answer && answer.Content?.TryGetValue(ProblemContentType, out var media) == true
                    && int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
                {
                    answer.Description = Describe(code);
                    media.Schema = new OpenApiSchemaReference(code == StatusCodes.Status400BadRequest ? ValidationProblemSchema : ProblemSchema, document);
                }
            }
        }
    }

    private static string Describe(int status)
    {
        var types = ErrorCatalog.All.Where(error => error.Status == status).Select(error => error.TypeName).Distinct()
            .Select(type => $"[{type}]({ErrorCatalog.TypeBase}{type})").ToList();
        var reason = ReasonPhrases.GetReasonPhrase(status);
        return types.Count == 0 ? reason : $"{reason}: a problem of type {string.Join(", ", types)}.";
    }

    private static OpenApiSchema Problem(bool withErrors)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "uri-reference",
                Description = $"What went wrong, stable: {ErrorCatalog.TypeBase}<name>, a page on this server that explains it. Switch on this.",
            },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The type in words; the same for every problem of the type." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status, repeated." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "This occurrence in words: which limit, which field." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The path that was called." },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it to the operator: it finds the request in the logs." },
        };
        if (withErrors)
        {
            properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Each invalid field (for example 'quality') with what is wrong with it.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem: every answer of the API that is not a success.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "type", "title", "status" },
            Properties = properties,
            // Some problems add their own fields (creditsRequired, creditBalance, buyCredits on a 402).
            AdditionalPropertiesAllowed = true,
        };
    }
}
