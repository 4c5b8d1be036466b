using Microsoft.AspNetCore.DataProtection;

namespace Konvrt.Portal.Features.Webhooks;

/// <summary>
/// Signing secrets must be read back to sign, so they cannot be hashed like API keys: they are stored
/// encrypted with the portal's data-protection keys, and shown to their owner once.
/// </summary>
public sealed class WebhookSecretStore(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Konvrt.Webhooks.SigningSecrets.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string stored) => protector.Unprotect(stored);
}
