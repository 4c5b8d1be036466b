using System.Security.Cryptography;
using System.Text;

namespace Konvrt.Portal.Features.Webhooks;

/// <summary>
/// Standard Webhooks signatures: <c>v1,</c> + base64 HMAC-SHA256 over <c>"{id}.{timestamp}.{body}"</c>,
/// keyed with the base64 part of a <c>whsec_</c> secret. Several secrets (during a rotation) give
/// several signatures, space-separated, as the spec allows. Five lines of the BCL; no library needed.
/// </summary>
public static class WebhookSigning
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public static string Sign(string webhookId, long timestamp, string body, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(secret => "v1," + Signature(webhookId, timestamp, body, secret)));

    public static string Signature(string webhookId, long timestamp, string body, string secret)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var signed = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}");
        return Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
