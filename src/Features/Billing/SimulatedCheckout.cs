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
/// Development only: buys a pack without a Stripe account by doing what Stripe would, a signed
/// <c>checkout.session.completed</c> posted over HTTP to <c>/stripe/webhook</c>, so the very same
/// verification and fulfilment run. Never mapped in any other environment, where no secret it could sign with exists.
/// </summary>
public static class SimulatedCheckout
{
    public const string Path = "/billing/simulate-checkout";
    public const string HttpClientName = "Konvrt.SimulatedCheckout";

    public static IEndpointRouteBuilder MapSimulatedCheckout(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            endpoints.MapPost(Path, BuyAsync).RequireAuthorization().ExcludeFromDescription();
        }
        return endpoints;
    }

    private static async Task<Results<RedirectHttpResult, NotFound, ProblemHttpResult>> BuyAsync(
        [FromForm] string pack, ClaimsPrincipal user, HttpRequest request, WorkspaceDirectory workspaces, BillingCheckout checkout,
        StripeWebhookSecrets secrets, IOptions<BillingOptions> options, IHttpClientFactory http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var chosen = options.Value.Pack(pack);
        if (chosen is null || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId
            || await workspaces.FindCallerAsync(userId, cancellationToken) is not { } caller || secrets.Simulation is null)
        {
            return TypedResults.NotFound();
        }
        var sessionId = StripeEvents.SimulatedSessionPrefix + Guid.NewGuid().ToString("N");
        await checkout.RecordPendingAsync(caller.WorkspaceId, sessionId, chosen, cancellationToken);

        var payload = CompletedEvent(sessionId, caller.WorkspaceId, chosen, clock.GetUtcNow());
        using var delivery = new HttpRequestMessage(HttpMethod.Post, $"{request.Scheme}://{request.Host}{request.PathBase}{StripeWebhookApi.Path}")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        delivery.Headers.Add("Stripe-Signature", EventUtility.GenerateSignatureHeader(payload, secrets.Simulation, clock.GetUtcNow().ToUnixTimeSeconds()));
        using var client = http.CreateClient(HttpClientName);
        using var response = await client.SendAsync(delivery, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return TypedResults.Problem($"The simulated webhook was refused with {(int)response.StatusCode}.", statusCode: 502);
        }
        return TypedResults.LocalRedirect($"~/billing/success?session_id={sessionId}");
    }

    /// <summary>The event as Stripe sends it, reduced to the fields fulfilment reads.</summary>
    private static string CompletedEvent(string sessionId, Guid workspaceId, CreditPack pack, DateTimeOffset now) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = "evt_simulated_" + Guid.NewGuid().ToString("N"),
        ["object"] = "event",
        ["api_version"] = StripeConfiguration.ApiVersion,
        ["created"] = now.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["type"] = EventTypes.CheckoutSessionCompleted,
        ["data"] = new Dictionary<string, object?>
        {
            ["object"] = new Dictionary<string, object?>
            {
                ["id"] = sessionId,
                ["object"] = "checkout.session",
                ["mode"] = "payment",
                ["status"] = "complete",
                ["payment_status"] = "paid",
                ["client_reference_id"] = workspaceId.ToString(),
                ["amount_total"] = pack.Amount,
                ["currency"] = pack.Currency,
                ["metadata"] = new Dictionary<string, string> { [BillingCheckout.WorkspaceKey] = workspaceId.ToString(), [BillingCheckout.PackKey] = pack.Key },
            },
        },
    });
}
