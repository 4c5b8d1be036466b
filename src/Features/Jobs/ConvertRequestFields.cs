using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>The convert request's own fields, beside the conversion options: declared once for the reader and the schema.</summary>
/// <param name="JsonType">Its type in a JSON body when that differs from a form field's text (an array or object given as JSON text in a form).</param>
internal sealed record ConvertRequestFields(string Name, string Description, JsonSchemaType Type, string? Format = null, JsonNode? Default = null, JsonSchemaType? JsonType = null)
{
    public static ConvertRequestFields Async { get; } = new("async", "true to answer 202 at once and convert in the background; otherwise the answer waits for the result (up to the sync wait).",
        JsonSchemaType.Boolean, Default: JsonValue.Create(false));

    public static ConvertRequestFields WebhookUrl { get; } = new("webhookUrl", "A URL to receive this job's job.completed or job.failed event (and a batch's batch.completed), signed with the workspace's secret.",
        JsonSchemaType.String, Format: "uri");

    public static ConvertRequestFields Outputs { get; } = new("outputs",
        "The outputs to make of each source, 1 to 10: [{ \"name\": \"main\", \"preset\": \"web\", \"path\": \"products/{productId}/main.webp\", <any option> }, …]. " +
        "Each source is decoded once for all of them. In a form, the array as JSON text. Without it, the options given beside make one output named 'main'.",
        JsonSchemaType.String, JsonType: JsonSchemaType.Array);

    public static ConvertRequestFields Preset { get; } = new("preset",
        "A preset of the workspace (or built in: web, thumbnail, avatar) to make the outputs by; options given beside a one-output preset override its own.",
        JsonSchemaType.String);

    public static ConvertRequestFields Storage { get; } = new("storage",
        "The name of one of the workspace's storage destinations: each output is also stored there, under its 'path' (default {jobId}/{name}.{ext}).",
        JsonSchemaType.String);

    public static ConvertRequestFields Variables { get; } = new("variables",
        "Values for the outputs' path templates, e.g. { \"productId\": \"42\" } for products/{productId}/main.webp. In a form, the object as JSON text.",
        JsonSchemaType.String, JsonType: JsonSchemaType.Object);

    public static IReadOnlyList<ConvertRequestFields> All { get; } = [Async, WebhookUrl, Outputs, Preset, Storage, Variables];

    public OpenApiSchema Schema(bool json) => json && JsonType is { } type
        ? new() { Type = type, Description = Description, AdditionalPropertiesAllowed = true }
        : new() { Type = Type, Format = Format, Description = Description, Default = Default };
}
