using System.Globalization;
using System.Text.Json.Nodes;
using Konvrt.Portal.Features.Conversion.Options;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// The OpenAPI schema of <c>POST /convert</c>'s form, made from the options' declarations: every option
/// optional, typed, with its range or choices, its default and its description; only the file is required.
/// </summary>
internal static class ConvertFormSchema
{
    public static OpenApiSchema Create()
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            [ConvertRequestReader.FileField] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "binary",
                Description = "The image. Its type is judged from its content, never its name or Content-Type.",
            },
        };
        foreach (var option in ConversionOptionCatalog.All)
        {
            properties[option.Name] = For(option);
        }
        foreach (var field in ConvertRequestFields.All)
        {
            properties[field.Name] = field.Schema();
        }
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = properties,
            Required = new HashSet<string>(StringComparer.Ordinal) { ConvertRequestReader.FileField },
        };
    }

    public static OpenApiSchema For(ConversionOption option)
    {
        var formats = option.Formats is null ? "" : $" Applies to {string.Join(", ", option.Formats.Select(format => format.ToString().ToLowerInvariant()))}.";
        var note = option.DefaultNote is null ? "" : $" Default: {option.DefaultNote}.";
        var schema = new OpenApiSchema { Description = option.Description + formats + note };
        switch (option)
        {
            case IntegerOption number:
                schema.Type = JsonSchemaType.Integer;
                schema.Format = "int32";
                schema.Minimum = number.Min.ToString(CultureInfo.InvariantCulture);
                schema.Maximum = number.Max.ToString(CultureInfo.InvariantCulture);
                schema.Default = option.Default is null ? null : JsonValue.Create(int.Parse(option.Default, CultureInfo.InvariantCulture));
                break;
            case BooleanOption:
                schema.Type = JsonSchemaType.Boolean;
                schema.Default = JsonValue.Create(option.Default == "true");
                break;
            case IChoiceOption choice:
                schema.Type = JsonSchemaType.String;
                schema.Enum = [.. choice.Choices.Select(value => (JsonNode)JsonValue.Create(value))];
                schema.Default = option.Default is null ? null : JsonValue.Create(option.Default);
                break;
            default:
                schema.Type = JsonSchemaType.String;
                schema.Pattern = "^#[0-9a-fA-F]{6}$";
                break;
        }
        return schema;
    }
}
