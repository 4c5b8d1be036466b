using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>The convert request's own fields, beside the conversion options: declared once for the reader and the schema.</summary>
internal sealed record ConvertRequestFields(string Name, string Description, JsonSchemaType Type, string? Format = null, JsonNode? Default = null)
{
    public static ConvertRequestFields Async { get; } = new("async", "true to answer 202 at once and convert in the background; otherwise the answer waits for the result (up to the sync wait).",
        JsonSchemaType.Boolean, Default: JsonValue.Create(false));

    public static ConvertRequestFields WebhookUrl { get; } = new("webhookUrl", "A URL to receive this job's job.completed or job.failed event, signed with the workspace's secret.",
        JsonSchemaType.String, Format: "uri");

    public static IReadOnlyList<ConvertRequestFields> All { get; } = [Async, WebhookUrl];

    public OpenApiSchema Schema() => new() { Type = Type, Format = Format, Description = Description, Default = Default };
}
