using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.Webhooks;

/// <summary>
/// The events a receiver gets, in the OpenAPI document's <c>webhooks</c>: each a signed POST of
/// <c>{ id, type, createdAt, data }</c> whose <c>data</c> is the same schema the API answers with.
/// </summary>
internal static class WebhookEventsDocument
{
    /// <summary>Each event type and the component schema of its <c>data</c> (null: a small object of its own).</summary>
    private static readonly (string Type, string? DataSchema, string Description)[] Events =
    [
        (WebhookEventTypes.JobCompleted, "JobResponse", "A job completed: every output with its downloadUrl and, when stored, its storage key."),
        (WebhookEventTypes.JobFailed, "JobResponse", "A job failed; error says why. Its credits were given back."),
        (WebhookEventTypes.BatchCompleted, "BatchResponse", "Every job of a batch (a request with several sources) has ended; sent once."),
        (WebhookEventTypes.CreditsLow, null, "The workspace's credit balance fell under the low-balance threshold: { workspaceId, creditBalance, threshold }."),
        (WebhookEventTypes.Test, null, "Sent by 'send test event': { message }."),
    ];

    public static void AddTo(OpenApiOptions openApi) => openApi.AddDocumentTransformer((document, _, _) =>
    {
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var (type, dataSchema, description) in Events)
        {
            IOpenApiSchema data = dataSchema is null
                ? new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true }
                : new OpenApiSchemaReference(dataSchema, document);
            document.Webhooks[type] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Post] = new()
                    {
                        Summary = type,
                        // Generated receivers name their handler after it: job.completed → OnJobCompleted.
                        OperationId = "On" + string.Concat(type.Split('.').Select(word => char.ToUpperInvariant(word[0]) + word[1..])),
                        Description = description + " Signed with the Standard Webhooks headers.",
                        Parameters = [.. WebhookSigning.Headers.Select(header => (IOpenApiParameter)new OpenApiParameter
                        {
                            Name = header.Name,
                            In = ParameterLocation.Header,
                            Required = true,
                            Description = header.Description,
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                        })],
                        RequestBody = new OpenApiRequestBody
                        {
                            Required = true,
                            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = Envelope(type, data) } },
                        },
                        Responses = new OpenApiResponses { ["2XX"] = new OpenApiResponse { Description = "Received. Anything else is retried on the schedule." } },
                    },
                },
            };
        }
        return Task.CompletedTask;
    });

    private static OpenApiSchema Envelope(string type, IOpenApiSchema data) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string>(StringComparer.Ordinal) { "id", "type", "createdAt", "data" },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "evt_…, unique per event." },
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create(type)] },
            ["createdAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            ["data"] = data,
        },
    };
}
