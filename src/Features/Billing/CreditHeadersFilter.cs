using System.Globalization;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.ApiKeys.Contract;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Jobs.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.Billing;

/// <summary>
/// <c>X-Credits-Charged</c> and <c>X-Credits-Remaining</c> on a conversion's answer, whatever the answer: what this
/// request cost (nothing for a replay, a refusal or a cache hit) and the balance after it.
/// </summary>
public sealed class CreditHeadersFilter(CreditLedger ledger) : IEndpointFilter
{
    public const string ChargedHeader = "X-Credits-Charged";
    public const string RemainingHeader = "X-Credits-Remaining";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (ApiCaller.From(http.User) is { } caller)
        {
            var replayed = http.Response.Headers.ContainsKey(IdempotencyFilter.ReplayedHeader);
            http.Response.Headers[ChargedHeader] = (replayed ? 0 : ChargedBy(result)).ToString(CultureInfo.InvariantCulture);
            http.Response.Headers[RemainingHeader] = (await ledger.BalanceAsync(caller.WorkspaceId, http.RequestAborted)).ToString(CultureInfo.InvariantCulture);
        }
        return result;
    }

    private static int ChargedBy(object? result) => result switch
    {
        StoredResponse stored => stored.CreditsCharged,
        INestedHttpResult nested => ChargedBy(nested.Result),
        IValueHttpResult { Value: JobResponse job } => job.CreditsCharged,
        _ => 0,
    };
}

public static class CreditHeaders
{
    /// <summary>Says on every answer of the endpoint what it charged and what is left.</summary>
    public static RouteHandlerBuilder WithCreditHeaders(this RouteHandlerBuilder endpoint) => endpoint.AddEndpointFilter<CreditHeadersFilter>()
        .WithResponseHeaders(DocumentedHeaders.ReachesTheEndpoint,
            new DocumentedHeader(CreditHeadersFilter.ChargedHeader, "Credits this request cost: 0 for a replay, a refusal or a cached result.", JsonSchemaType.Integer),
            new DocumentedHeader(CreditHeadersFilter.RemainingHeader, "The workspace's credit balance after this request.", JsonSchemaType.Integer));
}
