namespace Konvrt.Portal.Infrastructure.Outbound;

/// <summary><c>Outbound</c>: where the portal's own connections (webhooks, URL sources, storage endpoints) may go.</summary>
public sealed class OutboundOptions
{
    public const string Section = "Outbound";

    /// <summary>
    /// Reach loopback, private and link-local addresses too: for an intranet install, and for tests. The older
    /// <c>Webhooks:AllowPrivateNetworks</c> still sets it.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}
