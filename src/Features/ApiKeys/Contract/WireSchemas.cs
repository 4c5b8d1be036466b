using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.ApiKeys.Contract;

/// <summary>
/// Makes the generated schemas say what goes over the wire, so that client generators trust them: a nullable field
/// is left out of the JSON when null (the API's serializer is set to), so it is optional, not required; and an
/// integer is an integer (ASP.NET also admits numeric strings on reading, which no client should send).
/// </summary>
internal static class WireSchemas
{
    // What ASP.NET writes beside "integer" and "number" when reading also accepts strings.
    private const string NumericStringPattern = "^-?(?:0|[1-9]\\d*)";

    public static void Apply(OpenApiDocument document)
    {
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
        {
            Visit(schema);
        }
        foreach (var (_, operation) in ApiContract.Operations(document))
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                Visit(parameter.Schema);
            }
        }
    }

    private static void Visit(IOpenApiSchema? candidate)
    {
        if (candidate is not OpenApiSchema schema)
        {
            return;
        }
        NumbersAsNumbers(schema);
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            Visit(property);
            if (AllowsNull(property))
            {
                schema.Required?.Remove(name);
            }
        }
        Visit(schema.Items);
        foreach (var member in (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? []))
        {
            Visit(member);
        }
    }

    private static bool AllowsNull(IOpenApiSchema property) =>
        property.Type?.HasFlag(JsonSchemaType.Null) == true || property.OneOf?.Any(member => member.Type == JsonSchemaType.Null) == true;

    private static void NumbersAsNumbers(OpenApiSchema schema)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String)
            && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number))
            && schema.Pattern?.StartsWith(NumericStringPattern, StringComparison.Ordinal) == true)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }
}
