namespace Konvrt.Portal.Infrastructure.Database;

/// <summary>Which database holds the portal's data.</summary>
public enum DatabaseProvider
{
    /// <summary>One file in the data folder: one process, no setup.</summary>
    Sqlite,

    /// <summary>One PostgreSQL database that several instances share.</summary>
    Postgres,
}

/// <summary><c>Database:*</c> settings; the connection itself is <c>ConnectionStrings:Portal</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Portal";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Read before the services exist (the provider decides what is registered); a value that is no provider fails start-up.</summary>
    public static DatabaseOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
}
