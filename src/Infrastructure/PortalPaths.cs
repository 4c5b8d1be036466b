namespace Konvrt.Portal.Infrastructure;

/// <summary>
/// The one data folder (<c>Konvrt:DataPath</c>) that holds everything the portal writes:
/// the SQLite database (by default), stored files (on disk storage), the outgoing-mail pickup and uploads in flight.
/// </summary>
public sealed record PortalPaths(string DataRoot)
{
    public const string ConfigurationKey = "Konvrt:DataPath";
    public const string DefaultFolder = "data";

    public string Database => Path.Combine(DataRoot, "konvrt.db");
    public string MailPickup => Path.Combine(DataRoot, "mail");
    public string Blobs => Path.Combine(DataRoot, "blobs");
    /// <summary>Uploads being received: inside the data folder, so only it needs room and a crash leaves nothing elsewhere.</summary>
    public string Temporary => Path.Combine(DataRoot, "tmp");

    public static PortalPaths From(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration[ConfigurationKey];
        var folder = string.IsNullOrWhiteSpace(configured) ? DefaultFolder : configured;
        return new PortalPaths(Path.GetFullPath(folder, contentRoot));
    }

    public void EnsureCreated()
    {
        foreach (var folder in new[] { DataRoot, MailPickup, Blobs, Temporary })
        {
            Directory.CreateDirectory(folder);
        }
    }
}
