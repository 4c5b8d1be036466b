using Konvrt.Portal.Infrastructure.Errors;
using Konvrt.Portal.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Stripe;

namespace Konvrt.Portal.Features.Billing;

/// <summary>
/// <c>POST /stripe/webhook</c>: the raw body, verified by Stripe.net against the configured secret
/// (bad, missing or older than five minutes: 400 and nothing changes), then handled idempotently.
/// </summary>
public static class StripeWebhookApi
{
    public const string Path = "/stripe/webhook";
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, StripeWebhookSecrets secrets, StripeEvents events, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // Anyone can post here before the signature is checked: read no more than an event can be.
        if (await BoundedBody.ReadTextAsync(request, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return ErrorCatalog.PayloadTooLarge.Result("The event is larger than any Stripe sends (1 MB).");
        }
        var signature = request.Headers["Stripe-Signature"].ToString();
        Event? verified = null;
        foreach (var secret in secrets.All())
        {
            try
            {
                verified = EventUtility.ConstructEvent(body, signature, secret, throwOnApiVersionMismatch: false);
                break;
            }
            catch (StripeException)
            {
                // Not this secret (or not signed at all): try the next, refuse when none verifies.
            }
        }
        if (verified is null)
        {
            loggers.CreateLogger(typeof(StripeWebhookApi)).LogWarning("Refused a Stripe webhook whose signature did not verify");
            return Refused("The Stripe-Signature header is missing, wrong or too old.");
        }
        await events.HandleAsync(verified, cancellationToken);
        return TypedResults.Ok();
    }

    private static ProblemHttpResult Refused(string detail) =>
        ErrorCatalog.BadRequest.Result(detail);
}
