using System.Globalization;
using System.Threading.RateLimiting;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Api;

/// <summary>
/// Fixed one-minute windows from System.Threading.RateLimiting: one per workspace (all its keys share it),
/// and one per client address for requests without a valid key, so random keys create no state of their
/// own. Every API response says where the caller stands (IETF <c>RateLimit-Policy</c> and <c>RateLimit</c>
/// headers); the request past the limit gets 429 with <c>Retry-After</c>.
/// </summary>
internal sealed class ApiRateLimiter(RequestDelegate next, IOptions<ApiRateLimits> limits, IProblemDetailsService problems) : IAsyncDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<Partition> limiter = PartitionedRateLimiter.Create<Partition, string>(partition =>
        RateLimitPartition.GetFixedWindowLimiter(partition.Key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = partition.Limit,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public async Task InvokeAsync(HttpContext context)
    {
        var authentication = await context.AuthenticateAsync(ApiKeyDefaults.Scheme);
        var caller = authentication.Succeeded ? ApiCaller.From(authentication.Principal) : null;
        var (policy, partition) = caller is null
            ? ("per-address", new Partition($"address:{context.Connection.RemoteIpAddress}", limits.Value.Anonymous))
            : ("per-workspace", PartitionOf(caller));

        using var lease = await limiter.AcquireAsync(partition, 1, context.RequestAborted);
        var headers = context.Response.Headers;
        headers["RateLimit-Policy"] = Invariant($"\"{policy}\";q={partition.Limit};w={(int)Window.TotalSeconds}");
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit"] = Invariant($"\"{policy}\";r=0;t={seconds}");
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Type = ProblemTypes.RateLimited,
                    Title = "Too many requests",
                    Detail = Invariant($"This {(caller is null ? "address" : "workspace")} may make {partition.Limit} requests a minute. Try again in {seconds} s."),
                },
            });
            return;
        }
        var remaining = limiter.GetStatistics(partition)?.CurrentAvailablePermits ?? 0;
        headers["RateLimit"] = Invariant($"\"{policy}\";r={remaining}");
        await next(context);
    }

    /// <summary>The limit is part of the key, so a plan change takes effect with the next request.</summary>
    private Partition PartitionOf(ApiCaller caller)
    {
        var limit = limits.Value.For(caller.Plan);
        return new Partition($"workspace:{caller.WorkspaceId:N}:{limit}", limit);
    }

    public ValueTask DisposeAsync() => limiter.DisposeAsync();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Partition(string Key, int Limit);
}
