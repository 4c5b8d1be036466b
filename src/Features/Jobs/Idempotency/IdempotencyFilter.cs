using System.Globalization;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.ApiKeys.Contract;
using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.Jobs.Idempotency;

/// <summary>
/// Makes an endpoint safe to repeat with an <c>Idempotency-Key</c>: a repeat of a finished request gets its first
/// answer byte for byte (<c>Idempotent-Replayed: true</c>), a repeat while it is being worked on 409 with
/// <c>Retry-After</c>, the same key with another request 422. The holder keeps its lease alive while the handler
/// works; the handler learns through <see cref="IdempotentWork"/> that it holds the key.
/// </summary>
public sealed class IdempotencyFilter(IdempotencyStore store, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static readonly DocumentedHeader Replayed = new(ReplayedHeader,
        "'true' when this is the stored answer to an earlier request with the same Idempotency-Key: nothing was done again.");

    /// <summary>The request header as the API reference describes it.</summary>
    public static OpenApiParameter KeyParameter => new()
    {
        Name = Header,
        In = ParameterLocation.Header,
        Description = "Any unique string (at most 255 printable characters), e.g. a UUID per logical request. Repeating the request with " +
            "the same key within 24 hours answers the first answer again instead of converting and charging twice.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
    };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        var request = context.Arguments.OfType<IIdempotentRequest>().Single();
        if (key.Length == 0 || request.Refused)
        {
            return await next(context);
        }
        if (key.Length > 255 || key.Any(char.IsControl))
        {
            return ErrorCatalog.InvalidOptions.Result("One or more fields are invalid; each is listed under errors.",
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Header] = ["must be at most 255 printable characters."] } });
        }
        var caller = ApiCaller.From(http.User) ?? throw new InvalidOperationException("An idempotent endpoint needs an API caller.");
        switch (await store.ClaimAsync(caller.WorkspaceId, key, request.Hash(), http.RequestAborted))
        {
            case IdempotencyStore.Repeat repeat:
                http.Response.Headers[ReplayedHeader] = "true";
                return repeat.Response;
            case IdempotencyStore.Mismatch:
                return ErrorCatalog.IdempotencyKeyReused.Result($"The {Header} '{key}' was already used for a different request in the last 24 hours.");
            case IdempotencyStore.InProgress inProgress:
                var seconds = Math.Max(1, (int)Math.Ceiling(inProgress.RetryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return ErrorCatalog.IdempotencyInProgress.Result(
                    $"The first request with {Header} '{key}' is still being processed. Repeat it in {seconds} s to get its answer.");
            case IdempotencyStore.First first:
                return await HoldingKeyAsync(context, next, first);
            default:
                throw new InvalidOperationException("Unknown idempotency claim.");
        }
    }

    /// <summary>Works while holding the key, then stores the answer for the repeats, unless it is one a repeat might not get.</summary>
    private async ValueTask<object?> HoldingKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, IdempotencyStore.First first)
    {
        StoredResponse? answer = null;
        try
        {
            await using (store.KeepAlive(first.Hold))
            {
                context.HttpContext.Features.Set(new IdempotentWork(first.Hold, first.JobId));
                var result = await next(context);
                if (result is IResult done && StoredResponse.From(done, json.Value.SerializerOptions) is { } stored
                    // A short balance may be topped up: the same request may then succeed, so it is not remembered.
                    && stored.StatusCode != ErrorCatalog.InsufficientCredits.Status)
                {
                    await store.CompleteAsync(first.Hold, stored, CancellationToken.None);
                    answer = stored;
                    return stored;
                }
                return result;
            }
        }
        finally
        {
            if (answer is null)
            {
                await store.ReleaseAsync(first.Hold);
            }
        }
    }
}
