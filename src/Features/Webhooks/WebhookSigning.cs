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
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The three headers with what a receiver does with each, for the API reference.</summary>
    public static IReadOnlyList<(string Name, string Description)> Headers { get; } =
    [
        (IdHeader, "The message's id (msg_…), the same on every retry: a receiver that saw it already ignores the repeat."),
        (TimestampHeader, "Unix seconds when this attempt was signed: refuse one more than 5 minutes away from your clock."),
        (SignatureHeader, "v1,<base64 HMAC-SHA256 of \"{webhook-id}.{webhook-timestamp}.{body}\"> keyed with the endpoint's secret; " +
            "several, space-separated, while a rotated secret still signs."),
    ];

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
