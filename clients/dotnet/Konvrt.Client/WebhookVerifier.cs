using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Konvrt.Client;

/// <summary>
/// Checks that a webhook came from Konvrt (Standard Webhooks): the <c>webhook-signature</c> header holds a
/// <c>v1,</c> HMAC-SHA256 of <c>"{webhook-id}.{webhook-timestamp}.{body}"</c> keyed with the endpoint's secret, and the
/// timestamp is recent (an old message replayed is refused). Verify the body exactly as received, before parsing it.
/// </summary>
public sealed class WebhookVerifier
{
    private const string SecretPrefix = "whsec_";
    private readonly byte[] key;
    private readonly TimeProvider clock;

    /// <param name="secret">The endpoint's secret, <c>whsec_…</c>.</param>
    public WebhookVerifier(string secret)
        : this(secret, TimeProvider.System)
    {
    }

    public WebhookVerifier(string secret, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        this.clock = clock;
    }

    /// <summary>How far the timestamp may be from now (5 minutes, as the spec suggests).</summary>
    public TimeSpan Tolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>True when one of the signatures is this secret's for this message, sent within <see cref="Tolerance"/>.</summary>
    public bool IsValid(string? webhookId, string? webhookTimestamp, string? webhookSignature, string body)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(webhookSignature)
            || !long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }
        var sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((clock.GetUtcNow() - sent).Duration() > Tolerance)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhookId}.{seconds}.{body}"));
        foreach (var candidate in webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = candidate.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0 && candidate[..comma] == "v1" && TryDecode(candidate[(comma + 1)..], out var given)
                && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Like <see cref="IsValid"/>, reading the three headers from <paramref name="headers"/>; throws when the message is not genuine.</summary>
    public void Verify(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, string body)
    {
        var values = headers.ToDictionary(header => header.Key, header => string.Join(' ', header.Value), StringComparer.OrdinalIgnoreCase);
        if (!IsValid(values.GetValueOrDefault("webhook-id"), values.GetValueOrDefault("webhook-timestamp"), values.GetValueOrDefault("webhook-signature"), body))
        {
            throw new WebhookVerificationException("The webhook's signature or timestamp is not valid for this secret.");
        }
    }

    /// <summary>The signature this secret gives a message (for tests of a receiver).</summary>
    public string Sign(string webhookId, DateTimeOffset timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhookId}.{timestamp.ToUnixTimeSeconds()}.{body}")));

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        return false;
    }
}

public sealed class WebhookVerificationException(string message) : Exception(message);
