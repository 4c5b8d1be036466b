using System.Globalization;
using Konvrt.Portal.Features.ApiKeys.Contract;
using Konvrt.Portal.Infrastructure.Errors;
using Konvrt.Portal.Infrastructure.Http;
using Konvrt.Portal.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>
/// A sliding one-minute window per workspace (all its keys share it, on every instance), and one per client address
/// for requests without a valid key, so random keys create no state of their own. Every API response says where the caller
/// stands (IETF <c>RateLimit-Policy</c> and <c>RateLimit</c>, whose <c>t</c> is the seconds until one more request
/// frees up); the request past the limit gets 429 with the exact <c>Retry-After</c>.
/// </summary>
internal sealed class ApiRateLimiter(
    RequestDelegate next, IOptions<ApiRateLimits> limits, IProblemDetailsService problems, ISlidingWindow log, KonvrtMetrics metrics)
{
    public static readonly DocumentedHeader PolicyHeader = new("RateLimit-Policy",
        "The limit that applies (IETF RateLimit headers): its name, q = requests allowed per window, w = the window in seconds.");
    public static readonly DocumentedHeader StateHeader = new("RateLimit",
        "Where the caller stands: r = requests left in the window, t = seconds until one more request frees up.");
    public static readonly DocumentedHeader RetryAfterHeader = new("Retry-After", "Seconds to wait before trying again.", JsonSchemaType.Integer);

    public async Task InvokeAsync(HttpContext context)
    {
        AuthenticateResult authentication;
        using (ServerTiming.Measure("auth"))
        {
            authentication = await context.AuthenticateAsync(ApiKeyDefaults.Scheme);
        }
        var caller = authentication.Succeeded ? ApiCaller.From(authentication.Principal) : null;
        var (policy, partition, limit) = caller switch
        {
            null => ("per-address", $"address:{context.Connection.RemoteIpAddress}", limits.Value.Anonymous),
            { IsTest: true } => ("test-keys", $"workspace-test:{caller.WorkspaceId:N}", limits.Value.Test),
            _ => ("per-workspace", $"workspace:{caller.WorkspaceId:N}", limits.Value.For(caller.Plan)),
        };

        WindowDecision decision;
        using (ServerTiming.Measure("limit"))
        {
            decision = await log.AcquireAsync(partition, limit, context.RequestAborted);
        }
        var seconds = Math.Max(1, (int)Math.Ceiling(decision.Wait.TotalSeconds));
        var headers = context.Response.Headers;
        headers[PolicyHeader.Name] = Invariant($"\"{policy}\";q={limit};w={(int)log.Window.TotalSeconds}");
        headers[StateHeader.Name] = Invariant($"\"{policy}\";r={decision.Remaining};t={seconds}");
        if (decision.Admitted)
        {
            await next(context);
            return;
        }
        headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        metrics.RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("limit", caller is null ? "address" : "workspace"));
        context.Response.StatusCode = ErrorCatalog.RateLimited.Status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = ErrorCatalog.RateLimited.Problem(
                Invariant($"This {caller switch { null => "address", { IsTest: true } => "workspace's test keys", _ => "workspace" }} may make {limit} requests a minute. Try again in {seconds} s.")),
        });
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
