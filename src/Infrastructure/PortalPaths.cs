namespace Konvrt.Portal.Infrastructure;

/// <summary>
/// The one data folder (<c>Konvrt:DataPath</c>) that holds everything the portal writes:
/// the SQLite database, stored files, data-protection keys and the outgoing-mail pickup.
/// </summary>
public sealed record PortalPaths(string DataRoot)
{
    public const string ConfigurationKey = "Konvrt:DataPath";
    public const string DefaultFolder = "data";

    public string Database => Path.Combine(DataRoot, "konvrt.db");
    public string MailPickup => Path.Combine(DataRoot, "mail");
    public string Blobs => Path.Combine(DataRoot, "blobs");
    public string Keys => Path.Combine(DataRoot, "keys");

    public static PortalPaths From(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration[ConfigurationKey];
        var folder = string.IsNullOrWhiteSpace(configured) ? DefaultFolder : configured;
        return new PortalPaths(Path.GetFullPath(folder, contentRoot));
    }

    public void EnsureCreated()
    {
        foreach (var folder in new[] { DataRoot, MailPickup, Blobs, Keys })
        {
            Directory.CreateDirectory(folder);
        }
    }
}
