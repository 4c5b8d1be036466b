using Konvrt.Portal.Infrastructure.Cluster;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Konvrt.Portal.Infrastructure.Database;

public static class DatabaseSetup
{
    /// <summary>
    /// <c>Database:Provider</c> and <c>ConnectionStrings:Portal</c>: SQLite in the data folder unless told otherwise.
    /// The factory serves interactive components and background work (one context per operation), from a pool: a
    /// status request no longer builds a context from scratch. On PostgreSQL the instances also hear each other
    /// (<see cref="IClusterMessages"/>) over the same database.
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration, PortalPaths paths)
    {
        var database = DatabaseOptions.From(configuration);
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        services.AddSingleton(database);
        services.AddSingleton<PortalDatabase>();
        services.AddHostedService<PortalDatabaseStartup>();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var postgres = connectionString
                ?? throw new InvalidOperationException("Database:Provider is Postgres: set ConnectionStrings:Portal to its connection string.");
            // One pool for EF Core and the statements written by hand. Nothing here changes a session's state, so a
            // connection going back to the pool is not reset (a DISCARD ALL each time: 14 round trips a job, measured).
            services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres) { NoResetOnClose = true }.ConnectionString));
            services.AddPooledDbContextFactory<PostgresPortalDbContext>((provider, options) =>
                options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>()));
            services.AddSingleton<IDbContextFactory<PortalDbContext>, PostgresContexts>();
            services.AddSingleton(provider => new PostgresClusterMessages(
                postgres, provider.GetRequiredService<NpgsqlDataSource>(), provider.GetRequiredService<ILogger<PostgresClusterMessages>>()));
            services.AddSingleton<IClusterMessages>(provider => provider.GetRequiredService<PostgresClusterMessages>());
            services.AddHostedService(provider => provider.GetRequiredService<PostgresClusterMessages>());
        }
        else
        {
            services.AddPooledDbContextFactory<PortalDbContext>(options =>
                options.UseSqlite(connectionString ?? $"Data Source={paths.Database}"));
            services.AddSingleton<IClusterMessages, SingleInstanceMessages>();
        }
        // Identity's stores and request-scoped endpoints take a context from the same pool, returned at the scope's end.
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        return services;
    }
}
