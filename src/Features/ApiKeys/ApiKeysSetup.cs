using Konvrt.Portal.Features.Workspaces;
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
        builder.Services.AddSingleton<IMembershipHooks, ApiKeyMembershipHooks>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, displayName: null, _ => { });
        // Only the key scheme counts here: a portal cookie never authenticates the API.
        builder.Services.AddAuthorizationBuilder().AddPolicy(ApiKeyDefaults.Policy, policy => policy
            .AddAuthenticationSchemes(ApiKeyDefaults.Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => ApiCaller.From(context.User) is { MayCallApi: true }));
        return builder;
    }
}
