using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Konvrt.Portal.Features.Billing;
using Stripe;

namespace Konvrt.Portal.IntegrationTests.Features.Billing;

/// <summary>Stripe events as Stripe sends them, signed with a real secret by Stripe.net itself.</summary>
internal static class StripeKit
{
    public const string WebhookSecret = "whsec_test_0123456789abcdefghijklmnopqrstuv";

    public static string CheckoutEvent(string type, string sessionId, Guid workspaceId, string pack, string paymentStatus = "paid", long amountTotal = 2000) =>
        Event(type, new Dictionary<string, object?>
        {
            ["id"] = sessionId,
            ["object"] = "checkout.session",
            ["mode"] = "payment",
            ["status"] = "complete",
            ["payment_status"] = paymentStatus,
            ["client_reference_id"] = workspaceId.ToString(),
            ["amount_total"] = amountTotal,
            ["currency"] = "usd",
            ["metadata"] = new Dictionary<string, string> { [BillingCheckout.WorkspaceKey] = workspaceId.ToString(), [BillingCheckout.PackKey] = pack },
        });

    public static string SubscriptionEvent(string type, string subscriptionId, Guid workspaceId, string plan, string status, DateTimeOffset periodStart, string customer = "cus_test_1") =>
        Event(type, new Dictionary<string, object?>
        {
            ["id"] = subscriptionId,
            ["object"] = "subscription",
            ["customer"] = customer,
            ["status"] = status,
            ["metadata"] = new Dictionary<string, string> { [BillingCheckout.WorkspaceKey] = workspaceId.ToString(), [BillingCheckout.PlanKey] = plan },
            ["items"] = new Dictionary<string, object?>
            {
                ["object"] = "list",
                ["data"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["id"] = "si_" + subscriptionId,
                        ["object"] = "subscription_item",
                        ["current_period_start"] = periodStart.ToUnixTimeSeconds(),
                        ["current_period_end"] = periodStart.AddMonths(1).ToUnixTimeSeconds(),
                    },
                },
            },
        });

    private static string Event(string type, Dictionary<string, object?> data) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = "evt_" + Guid.NewGuid().ToString("N"),
        ["object"] = "event",
        ["api_version"] = StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["type"] = type,
        ["data"] = new Dictionary<string, object?> { ["object"] = data },
    });

    public static HttpRequestMessage Delivery(string payload, string? secret = WebhookSecret, DateTimeOffset? signedAt = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/stripe/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (secret is not null)
        {
            request.Headers.Add("Stripe-Signature",
                EventUtility.GenerateSignatureHeader(payload, secret, (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds()));
        }
        return request;
    }
}
