using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.ApiKeys.Contract;
using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Konvrt.Portal.Features.Webhooks;

public sealed record WebhookEndpointResponse(
    Guid Id, string Url, string? Description, IReadOnlyList<string> Events, bool Enabled, string? DisabledReason,
    DateTimeOffset? FailingSince, DateTimeOffset CreatedAt, DateTimeOffset? PreviousSecretExpiresAt)
{
    public static WebhookEndpointResponse From(WebhookEndpoint endpoint) => new(
        endpoint.Id, endpoint.Url, endpoint.Description, endpoint.EventList, endpoint.Enabled, endpoint.DisabledReason,
        endpoint.FailingSince, endpoint.CreatedAt, endpoint.PreviousSecretExpiresAt);
}

/// <summary>The secret appears in this answer only: store it now.</summary>
public sealed record WebhookSecretResponse(WebhookEndpointResponse Endpoint, string Secret);

public sealed record CreateWebhookRequest(string Url, string? Description, IReadOnlyList<string>? Events, bool? Enabled);

public sealed record UpdateWebhookRequest(string? Url, string? Description, IReadOnlyList<string>? Events, bool? Enabled);

/// <summary><c>/api/v1/webhooks</c>: the workspace's endpoints; another workspace's id is a 404.</summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithApiTag(new ApiTag("Webhooks", "Endpoints that receive signed events when jobs and batches end or credits run low.")).Requires(WorkspaceAction.ManageIntegrations);
        webhooks.MapGet("/", List).WithName("ListWebhooks").WithSummary("List webhook endpoints").WithDescription("The workspace's webhook endpoints.");
        webhooks.MapPost("/", Create).WithName("CreateWebhook").WithSummary("Create a webhook endpoint").WithDescription("Adds an endpoint; the answer carries its signing secret, shown only this once.")
            .ProducesValidationProblem();
        webhooks.MapGet("/{endpointId:guid}", Get).WithName("GetWebhook").WithSummary("Get a webhook endpoint").ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPatch("/{endpointId:guid}", Update).WithName("UpdateWebhook").WithSummary("Update a webhook endpoint").WithDescription("Changes the URL, description, events or enabled.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapDelete("/{endpointId:guid}", Delete).WithName("DeleteWebhook").WithSummary("Delete a webhook endpoint").ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{endpointId:guid}/rotate-secret", Rotate).WithName("RotateWebhookSecret").WithSummary("Rotate a webhook secret")
            .WithDescription("A new secret; the old one keeps signing beside it for 24 hours.").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<WebhookEndpointResponse>>> List(ApiCaller caller, WebhookEndpoints endpoints, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<WebhookEndpointResponse>>([.. (await endpoints.ListAsync(caller.WorkspaceId, cancellationToken)).Select(WebhookEndpointResponse.From)]);

    private static async Task<Results<Created<WebhookSecretResponse>, ValidationProblem>> Create(
        CreateWebhookRequest request, ApiCaller caller, WebhookEndpoints endpoints, HttpRequest http, CancellationToken cancellationToken)
    {
        try
        {
            var (endpoint, secret) = await endpoints.CreateAsync(caller.WorkspaceId, caller.Actor, request.Url ?? "", request.Description,
                request.Events ?? WebhookEventTypes.Subscribable, request.Enabled ?? true, cancellationToken);
            return TypedResults.Created($"{ApiUrls.BaseOf(http)}/webhooks/{endpoint.Id}", new WebhookSecretResponse(WebhookEndpointResponse.From(endpoint), secret));
        }
        catch (InvalidWebhookException invalid)
        {
            return Invalid(invalid);
        }
    }

    private static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> Get(
        Guid endpointId, ApiCaller caller, WebhookEndpoints endpoints, CancellationToken cancellationToken) =>
        await endpoints.FindAsync(caller.WorkspaceId, endpointId, cancellationToken) is { } endpoint
            ? TypedResults.Ok(WebhookEndpointResponse.From(endpoint))
            : NotFound(endpointId);

    private static async Task<Results<Ok<WebhookEndpointResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid endpointId, UpdateWebhookRequest request, ApiCaller caller, WebhookEndpoints endpoints, CancellationToken cancellationToken)
    {
        try
        {
            return await endpoints.UpdateAsync(caller.WorkspaceId, caller.Actor, endpointId,
                new EndpointChange(request.Url, request.Description, request.Events, request.Enabled), cancellationToken) is { } endpoint
                ? TypedResults.Ok(WebhookEndpointResponse.From(endpoint))
                : NotFound(endpointId);
        }
        catch (InvalidWebhookException invalid)
        {
            return Invalid(invalid);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid endpointId, ApiCaller caller, WebhookEndpoints endpoints, CancellationToken cancellationToken) =>
        await endpoints.DeleteAsync(caller.WorkspaceId, caller.Actor, endpointId, cancellationToken) ? TypedResults.NoContent() : NotFound(endpointId);

    private static async Task<Results<Ok<WebhookSecretResponse>, ProblemHttpResult>> Rotate(
        Guid endpointId, ApiCaller caller, WebhookEndpoints endpoints, CancellationToken cancellationToken) =>
        await endpoints.RotateSecretAsync(caller.WorkspaceId, caller.Actor, endpointId, cancellationToken) is { } rotated
            ? TypedResults.Ok(new WebhookSecretResponse(WebhookEndpointResponse.From(rotated.Endpoint), rotated.Secret))
            : NotFound(endpointId);

    private static ValidationProblem Invalid(InvalidWebhookException invalid) =>
        TypedResults.ValidationProblem(invalid.Errors.ToDictionary(), title: "Invalid webhook endpoint", type: ErrorCatalog.InvalidWebhook.Type);

    private static ProblemHttpResult NotFound(Guid endpointId) =>
        ErrorCatalog.NotFound.Result($"There is no webhook endpoint {endpointId} in this workspace.");
}
