namespace Konvrt.Portal.Features.ApiKeys;

internal static class ApiUrls
{
    /// <summary>Absolute, as clients follow these links from anywhere (behind a proxy, configure forwarded headers).</summary>
    public static string BaseOf(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{ApiSetup.Version1}";
}
