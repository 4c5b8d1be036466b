using System.Globalization;
using System.Text.Json.Nodes;
using Konvrt.Portal.Features.Conversion.Options;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// The OpenAPI schemas of <c>POST /convert</c>'s bodies, made from the options' declarations: every option
/// optional, typed, with its range or choices, its default and its description; a source (file or URL) is required.
/// </summary>
internal static class ConvertFormSchema
{
    /// <summary>The multipart form: files and URLs as sources, each option and own field as a field.</summary>
    public static OpenApiSchema Multipart()
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            [ConvertRequestReader.FileField] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                Description = "The image, as one part or several (a batch). Its type is judged from its content, never its name or Content-Type.",
            },
            [ConvertRequestReader.UrlField] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
                Description = "An http(s) URL to fetch the image from, as one field or several; files and URLs may be mixed. " +
                    "Several sources make a batch: the answer is { batchId, jobs }.",
            },
        };
        AddOptionsAndFields(properties, json: false);
        foreach (var field in properties.Values.OfType<OpenApiSchema>())
        {
            MayBeLeftOut(field);
        }
        return new OpenApiSchema { Type = JsonSchemaType.Object, Properties = properties };
    }

    /// <summary>
    /// Every field of the form may be left out. A form has no null, but "null" in its type is how generators learn they
    /// may leave it out: NSwag otherwise refuses to send a form without every field set (RicoSuter/NSwag#4552). The
    /// repeated fields (files, URLs) stay arrays, which may be empty: NSwag reads a nullable array of files as bytes.
    /// </summary>
    private static void MayBeLeftOut(OpenApiSchema field)
    {
        if (field.Type == JsonSchemaType.Array)
        {
            return;
        }
        if (field.OneOf is { Count: > 0 } members)
        {
            members.Add(new OpenApiSchema { Type = JsonSchemaType.Null });
            return;
        }
        field.Type |= JsonSchemaType.Null;
        if (field.Enum is { Count: > 0 } choices)
        {
            choices.Add(null!);
        }
    }

    /// <summary>The JSON body: URL sources, with the same options and own fields as the form.</summary>
    /// <summary>The JSON body's name among the document's schemas.</summary>
    public const string JsonSchemaName = "ConvertJsonRequest";

    public static OpenApiSchema Json()
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            [ConvertRequestReader.UrlField] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "uri", Description = "An http(s) URL to fetch the image from.",
            },
            [ConvertJsonReader.UrlsField] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Several URLs (a batch: the answer is { batchId, jobs }), each a string or { \"url\": …, \"variables\": { … } } " +
                    "whose variables fill that source's paths.",
                Items = new OpenApiSchema
                {
                    OneOf =
                    [
                        new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
                        new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                            {
                                ["url"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
                                ["variables"] = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true },
                            },
                            Required = new HashSet<string>(StringComparer.Ordinal) { "url" },
                        },
                    ],
                },
            },
        };
        AddOptionsAndFields(properties, json: true);
        return new OpenApiSchema { Type = JsonSchemaType.Object, Properties = properties };
    }

    private static void AddOptionsAndFields(Dictionary<string, IOpenApiSchema> properties, bool json)
    {
        foreach (var option in ConversionOptionCatalog.All)
        {
            properties[option.Name] = For(option);
        }
        foreach (var field in ConvertRequestFields.All)
        {
            properties[field.Name] = field.Schema(json);
        }
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
            case QualityOption quality:
                // A number, or one of the words auto searches with: generators need both spelled out.
                schema.OneOf =
                [
                    new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer, Format = "int32",
                        Minimum = quality.Min.ToString(CultureInfo.InvariantCulture), Maximum = quality.Max.ToString(CultureInfo.InvariantCulture),
                    },
                    new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. quality.Words.Select(word => (JsonNode)JsonValue.Create(word))] },
                ];
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
                schema.Pattern = option.Pattern;
                break;
        }
        return schema;
    }
}
