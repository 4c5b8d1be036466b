using System.Security.Claims;
using System.Text.Encodings.Web;
using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.ApiKeys;

public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
    /// <summary>The API's one policy: a valid test key, or a live key of a workspace on the Pro or Team plan.</summary>
    public const string Policy = "ApiKey";
}

/// <summary>
/// <c>Authorization: Bearer kvt_…</c>. Unknown, revoked, expired and malformed keys all get the same 401
/// problem: the answer tells an attacker nothing about which it was.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    // The rate limiter and the authorization policy both ask; the framework runs a handler once per request.
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header is not a Bearer token.");
        }
        var caller = await keys.RecogniseAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(caller.ToClaims(), Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(ErrorCatalog.Unauthorized,
            "Send a valid API key as 'Authorization: Bearer kvt_…'. Keys are created on the API keys page of the portal.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(ErrorCatalog.PlanRequired,
            "Live keys need the Pro or Team plan. Create a test key (kvt_test_…) on the API keys page to try the API on any plan, or upgrade on the Billing page.");

    private async Task WriteProblemAsync(PortalError error, string detail)
    {
        Response.StatusCode = error.Status;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = error.Problem(detail) });
    }
}
