using Microsoft.AspNetCore.Authentication;

namespace Konvrt.Portal.Features.ApiKeys;

public static class ApiKeysSetup
{
    public static IHostApplicationBuilder AddApiKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyCacheOptions>()
            .Bind(builder.Configuration.GetSection(ApiKeyCacheOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RecognisedKeys>();
        builder.Services.AddSingleton<ApiKeyService>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, displayName: null, _ => { });
        // Only the key scheme counts here: a portal cookie never authenticates the API.
        builder.Services.AddAuthorizationBuilder().AddPolicy(ApiKeyDefaults.Policy, policy => policy
            .AddAuthenticationSchemes(ApiKeyDefaults.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiCaller.PlanClaim, "pro", "team"));
        return builder;
    }
}
