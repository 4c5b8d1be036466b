using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Infrastructure.Database;

public static class DatabaseSetup
{
    /// <summary>
    /// <c>Database:Provider</c> and <c>ConnectionStrings:Portal</c>: SQLite in the data folder unless told otherwise.
    /// The factory serves interactive components and background work (one context per operation); the scoped
    /// context it also registers serves Identity's stores and request-scoped endpoints.
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration, PortalPaths paths)
    {
        var database = DatabaseOptions.From(configuration);
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        services.AddSingleton(database);
        services.AddDbContextFactory<PortalDbContext, PortalDbContextFactory>(options => _ = database.Provider switch
        {
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString
                ?? throw new InvalidOperationException("Database:Provider is Postgres: set ConnectionStrings:Portal to its connection string.")),
            _ => options.UseSqlite(connectionString ?? $"Data Source={paths.Database}"),
        });
        services.AddSingleton<PortalDatabase>();
        services.AddHostedService<PortalDatabaseStartup>();
        return services;
    }
}
