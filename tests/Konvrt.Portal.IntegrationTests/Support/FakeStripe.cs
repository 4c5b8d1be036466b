using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>
/// Stripe's API as far as the portal uses it, served over real HTTP on loopback: creates and returns
/// Checkout Sessions and Customer Portal sessions, and records every request with its form fields.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Dictionary<string, string>> sessions = new();

    public ConcurrentQueue<(string Method, string Path, IReadOnlyDictionary<string, string> Form)> Requests { get; } = new();

    public string BaseUrl { get; }

    private FakeStripe(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeStripe> StartAsync()
    {
        FakeStripe? fake = null;
        var (app, baseUrl) = await LoopbackApp.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                var form = context.Request.HasFormContentType
                    ? (await context.Request.ReadFormAsync()).ToDictionary(field => field.Key, field => field.Value.ToString())
                    : [];
                fake!.Requests.Enqueue((context.Request.Method, context.Request.Path.Value!, form));
                context.Items["form"] = form;
                await next(context);
            });
            app.MapPost("/v1/checkout/sessions", (HttpContext context) => fake!.CreateSession((Dictionary<string, string>)context.Items["form"]!));
            app.MapGet("/v1/checkout/sessions/{id}", (string id) => fake!.GetSession(id));
            app.MapPost("/v1/billing_portal/sessions", () => Results.Json(new Dictionary<string, object>
            {
                ["id"] = "bps_" + Guid.NewGuid().ToString("N"),
                ["object"] = "billing_portal.session",
                ["url"] = "https://billing.stripe.test/session/portal",
            }));
        });
        fake = new FakeStripe(app, baseUrl);
        return fake;
    }

    private IResult CreateSession(Dictionary<string, string> form)
    {
        var id = "cs_test_" + Guid.NewGuid().ToString("N");
        sessions[id] = form;
        return Results.Json(Session(id, form, paid: false));
    }

    private IResult GetSession(string id) =>
        sessions.TryGetValue(id, out var form) ? Results.Json(Session(id, form, paid: true)) : Results.NotFound();

    private static Dictionary<string, object?> Session(string id, Dictionary<string, string> form, bool paid) => new()
    {
        ["id"] = id,
        ["object"] = "checkout.session",
        ["mode"] = form.GetValueOrDefault("mode"),
        ["url"] = $"https://checkout.stripe.test/c/pay/{id}",
        ["client_reference_id"] = form.GetValueOrDefault("client_reference_id"),
        ["status"] = paid ? "complete" : "open",
        ["payment_status"] = paid ? "paid" : "unpaid",
        ["metadata"] = form.Where(field => field.Key.StartsWith("metadata[", StringComparison.Ordinal))
            .ToDictionary(field => field.Key["metadata[".Length..^1], field => field.Value),
        ["payment_intent"] = paid
            ? new Dictionary<string, object?>
            {
                ["id"] = "pi_" + id,
                ["object"] = "payment_intent",
                ["latest_charge"] = new Dictionary<string, object?>
                {
                    ["id"] = "ch_" + id,
                    ["object"] = "charge",
                    ["receipt_url"] = $"https://pay.stripe.test/receipts/{id}",
                },
            }
            : null,
    };

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
