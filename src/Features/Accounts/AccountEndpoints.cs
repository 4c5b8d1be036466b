using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Konvrt.Portal.Features.Accounts;

/// <summary>The few account actions that are plain HTTP posts rather than pages (as in the Blazor Identity template).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Form posts of the portal's own pages, not part of the public API's description.
        var account = endpoints.MapGroup("/Account").ExcludeFromDescription();
        account.MapPost("/Logout", Logout);
        account.MapGroup("/Manage").RequireAuthorization().MapPost("/DownloadPersonalData", DownloadPersonalData);
        return endpoints;
    }

    private static async Task<RedirectHttpResult> Logout(
        HttpRequest request, SignInManager<PortalUser> signInManager, [FromForm] string? returnUrl)
    {
        await signInManager.SignOutAsync();
        var site = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        return TypedResults.LocalRedirect($"~/{LocalReturnUrl.Resolve(returnUrl, site).TrimStart('/')}");
    }

    private static async Task<Results<FileContentHttpResult, NotFound, BadRequest>> DownloadPersonalData(
        HttpContext context, UserManager<PortalUser> userManager, IAntiforgery antiforgery)
    {
        // The form carries no fields, so nothing binds it and the antiforgery middleware only records its verdict:
        // ask for it, or another site could make a signed-in browser fetch the file.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }
        var user = await userManager.GetUserAsync(context.User);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var personalData = typeof(PortalUser).GetProperties()
            .Where(property => Attribute.IsDefined(property, typeof(PersonalDataAttribute)))
            .ToDictionary(property => property.Name, property => property.GetValue(user)?.ToString() ?? "null");
        personalData["Authenticator key"] = await userManager.GetAuthenticatorKeyAsync(user) ?? "null";
        personalData[nameof(PortalUser.CreatedAt)] = user.CreatedAt.ToString("O");

        return TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(personalData), "application/json", "PersonalData.json");
    }
}
