namespace Konvrt.Portal.Infrastructure;

/// <summary>
/// <c>Konvrt:PublicUrl</c>: where people reach the portal, for links made outside a request (mails, webhook payloads).
/// <c>Webhooks:PublicBaseUrl</c>, its older name, still sets it.
/// </summary>
public sealed class PortalUrls(IConfiguration configuration)
{
    public const string Key = "Konvrt:PublicUrl";
    public const string Default = "http://localhost:5080";

    public string Base { get; } = (configuration[Key] is { Length: > 0 } url ? url : configuration["Webhooks:PublicBaseUrl"] is { Length: > 0 } older ? older : Default).TrimEnd('/');

    /// <summary>A portal page's absolute address: <c>To("billing")</c>.</summary>
    public string To(string path) => $"{Base}/{path.TrimStart('/')}";
}
