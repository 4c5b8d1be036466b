using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Konvrt.Portal.Features.ApiKeys.Contract;

/// <summary>The API's document as client generators need it, applied once every endpoint has described itself.</summary>
internal static class ApiContract
{
    public static void AddTo(OpenApiOptions openApi) => openApi.AddDocumentTransformer((document, context, _) =>
    {
        Identify(document);
        ApiTag.Describe(document, context.DescriptionGroups.SelectMany(group => group.Items)
            .SelectMany(description => description.ActionDescriptor.EndpointMetadata.OfType<ApiTag>()));
        WireSchemas.Apply(document);
        ProblemResponses.Apply(document);
        // The rate limiter stands before every endpoint of the API.
        foreach (var (path, operation) in Operations(document))
        {
            if (path.StartsWith(ApiSetup.Version1, StringComparison.Ordinal))
            {
                DocumentedHeader.AddTo(operation, _ => true, [ApiRateLimiter.PolicyHeader, ApiRateLimiter.StateHeader]);
                DocumentedHeader.AddTo(operation, status => status is "429" or "503", [ApiRateLimiter.RetryAfterHeader]);
            }
        }
        return Task.CompletedTask;
    });

    public static IEnumerable<(string Path, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(path => (path.Value.Operations?.Values.AsEnumerable() ?? []).Select(operation => (path.Key, operation)));

    private static void Identify(OpenApiDocument document)
    {
        // Generators and linters join paths to the server's address: it must not end in a slash.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }
        document.Info = new OpenApiInfo
        {
            Title = "Konvrt API",
            Version = "v1",
            Description = "Convert, resize, crop and optimize images. Authenticate with 'Authorization: Bearer kvt_…'. " +
                "Errors are RFC 9457 problem details with a stable 'type'.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key created on the portal's API keys page (kvt_…).",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
    }
}
