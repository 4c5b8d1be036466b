using Microsoft.AspNetCore.DataProtection;

namespace Konvrt.Portal.Features.Storage;

/// <summary>Secret access keys at rest: encrypted with the portal's data-protection keys, never returned or logged.</summary>
public sealed class StorageSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Konvrt.Storage.SecretAccessKeys.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string stored) => protector.Unprotect(stored);
}
