using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Konvrt.Portal.Features.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Stripe;

namespace Konvrt.Portal.Features.Billing;

/// <summary>
/// Development only: buys a pack, or subscribes to a plan and cancels it, without a Stripe account by doing what Stripe
/// would: a signed event (<c>checkout.session.completed</c>, <c>customer.subscription.updated</c> or <c>.deleted</c>)
/// posted over HTTP to <c>/stripe/webhook</c>, so the very same verification and fulfilment run. Never mapped in any
/// other environment, where no secret it could sign with exists. Only a workspace's owner may, as in the real flow.
/// </summary>
public static class SimulatedCheckout
{
    public const string Path = "/billing/simulate-checkout";
    public const string SubscriptionPath = "/billing/simulate-subscription";
    public const string HttpClientName = "Konvrt.SimulatedCheckout";
    /// <summary>A simulated subscription's id starts so; the billing page cancels it here instead of in Stripe's portal.</summary>
    public const string SubscriptionPrefix = "sub_simulated_";

    public static IEndpointRouteBuilder MapSimulatedCheckout(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            endpoints.MapPost(Path, BuyAsync).RequireAuthorization().ExcludeFromDescription();
            endpoints.MapPost(SubscriptionPath, SubscribeAsync).RequireAuthorization().ExcludeFromDescription();
        }
        return endpoints;
    }

    private static async Task<Results<RedirectHttpResult, NotFound, ProblemHttpResult>> BuyAsync(
        [FromForm] string pack, ClaimsPrincipal user, HttpRequest request, WorkspaceDirectory workspaces, BillingCheckout checkout,
        StripeWebhookSecrets secrets, IOptions<BillingOptions> options, IHttpClientFactory http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var chosen = options.Value.Pack(pack);
        if (chosen is null || await OwnerAsync(user, workspaces, cancellationToken) is not { } caller || secrets.Simulation is not { } secret)
        {
            return TypedResults.NotFound();
        }
        var sessionId = StripeEvents.SimulatedSessionPrefix + Guid.NewGuid().ToString("N");
        await checkout.RecordPendingAsync(caller.WorkspaceId, sessionId, chosen, cancellationToken);
        var payload = Event(EventTypes.CheckoutSessionCompleted, clock.GetUtcNow(), new Dictionary<string, object?>
        {
            ["id"] = sessionId,
            ["object"] = "checkout.session",
            ["mode"] = "payment",
            ["status"] = "complete",
            ["payment_status"] = "paid",
            ["client_reference_id"] = caller.WorkspaceId.ToString(),
            ["amount_total"] = chosen.Amount,
            ["currency"] = chosen.Currency,
            ["metadata"] = new Dictionary<string, string> { [BillingCheckout.WorkspaceKey] = caller.WorkspaceId.ToString(), [BillingCheckout.PackKey] = chosen.Key },
        });
        return await PostAsync(request, payload, secret, http, clock, cancellationToken) is { } refused
            ? refused
            : TypedResults.LocalRedirect($"~/billing/success?session_id={sessionId}");
    }

    /// <param name="plan">pro or team to subscribe (or switch), free to cancel at once.</param>
    private static async Task<Results<RedirectHttpResult, NotFound, ProblemHttpResult>> SubscribeAsync(
        [FromForm] string plan, ClaimsPrincipal user, HttpRequest request, WorkspaceDirectory workspaces,
        StripeWebhookSecrets secrets, IOptions<BillingOptions> options, IHttpClientFactory http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<WorkspacePlan>(plan, ignoreCase: true, out var chosen)
            || (chosen != WorkspacePlan.Free && options.Value.Plan(chosen) is null)
            || await OwnerAsync(user, workspaces, cancellationToken) is not { } caller || secrets.Simulation is not { } secret)
        {
            return TypedResults.NotFound();
        }
        var now = clock.GetUtcNow();
        var cancel = chosen == WorkspacePlan.Free;
        var payload = Event(cancel ? EventTypes.CustomerSubscriptionDeleted : EventTypes.CustomerSubscriptionUpdated, now, new Dictionary<string, object?>
        {
            ["id"] = SubscriptionPrefix + caller.WorkspaceId.ToString("N"),
            ["object"] = "subscription",
            ["customer"] = "cus_simulated_" + caller.WorkspaceId.ToString("N"),
            ["status"] = cancel ? "canceled" : "active",
            ["cancel_at_period_end"] = false,
            ["metadata"] = new Dictionary<string, string>
            {
                [BillingCheckout.WorkspaceKey] = caller.WorkspaceId.ToString(),
                [BillingCheckout.PlanKey] = chosen.ToString().ToLowerInvariant(),
            },
            ["items"] = new Dictionary<string, object?>
            {
                ["object"] = "list",
                ["data"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["id"] = "si_simulated_" + caller.WorkspaceId.ToString("N"),
                        ["object"] = "subscription_item",
                        // A new period on every change, so a simulated switch grants that plan's monthly credits once.
                        ["current_period_start"] = now.ToUnixTimeSeconds(),
                        ["current_period_end"] = now.AddMonths(1).ToUnixTimeSeconds(),
                    },
                },
            },
        });
        return await PostAsync(request, payload, secret, http, clock, cancellationToken) is { } refused
            ? refused
            : TypedResults.LocalRedirect("~/billing");
    }

    /// <summary>Billing is the owner's: the simulation asks what Stripe Checkout's page would.</summary>
    private static async Task<Caller?> OwnerAsync(ClaimsPrincipal user, WorkspaceDirectory workspaces, CancellationToken cancellationToken) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
        && await workspaces.FindCallerAsync(userId, cancellationToken) is { } caller && caller.Can(WorkspaceAction.ManageBilling)
            ? caller
            : null;

    /// <summary>Delivers the event as Stripe would; a problem when the portal's own webhook refused it.</summary>
    private static async Task<ProblemHttpResult?> PostAsync(
        HttpRequest request, string payload, string secret, IHttpClientFactory http, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var delivery = new HttpRequestMessage(HttpMethod.Post, $"{request.Scheme}://{request.Host}{request.PathBase}{StripeWebhookApi.Path}")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        delivery.Headers.Add("Stripe-Signature", EventUtility.GenerateSignatureHeader(payload, secret, clock.GetUtcNow().ToUnixTimeSeconds()));
        using var client = http.CreateClient(HttpClientName);
        using var response = await client.SendAsync(delivery, cancellationToken);
        return response.IsSuccessStatusCode ? null : TypedResults.Problem($"The simulated webhook was refused with {(int)response.StatusCode}.", statusCode: 502);
    }

    /// <summary>The event as Stripe sends it, reduced to the fields fulfilment reads.</summary>
    private static string Event(string type, DateTimeOffset now, Dictionary<string, object?> data) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = "evt_simulated_" + Guid.NewGuid().ToString("N"),
        ["object"] = "event",
        ["api_version"] = StripeConfiguration.ApiVersion,
        ["created"] = now.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["type"] = type,
        ["data"] = new Dictionary<string, object?> { ["object"] = data },
    });
}
