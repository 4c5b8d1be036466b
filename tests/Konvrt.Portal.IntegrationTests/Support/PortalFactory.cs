using Konvrt.Portal.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>
/// The real app over a fresh data folder (its own SQLite file, blobs and mail pickup) for each test class. A
/// class that needs more takes <see cref="PortalFactory{TSetup}"/> with a <see cref="PortalSetup"/> that says what.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    /// <summary>Extra configuration for this instance (xUnit fixtures need the one parameterless constructor).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Service replacements for this instance, applied after the app's own registrations.</summary>
    public Action<IServiceCollection>? ReplaceServices { get; init; }

    /// <summary>The host environment; WebApplicationFactory's default is Development.</summary>
    public string? Environment { get; init; }

    public PortalPaths Paths { get; } = new(Path.Combine(Path.GetTempPath(), "konvrt-it-" + Guid.NewGuid().ToString("N")));

    /// <summary>This host's PostgreSQL database, when the assembly runs on PostgreSQL (<see cref="TestDatabase"/>).</summary>
    /// <summary>None when <see cref="Settings"/> already name a database: then the host shares that one.</summary>
    public TestDatabase.Lease? Database => Settings.ContainsKey($"ConnectionStrings:{Konvrt.Portal.Infrastructure.Database.DatabaseOptions.ConnectionStringName}")
        ? null
        : database ??= TestDatabase.LeaseAsync().GetAwaiter().GetResult();

    private TestDatabase.Lease? database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(PortalPaths.ConfigurationKey, Paths.DataRoot);
        foreach (var (key, value) in Database?.Settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        if (Environment is not null)
        {
            builder.UseEnvironment(Environment);
        }
        // The simulated checkout posts to the app's own webhook over HTTP: here that is the test server.
        builder.ConfigureTestServices(services => services.AddHttpClient(Konvrt.Portal.Features.Billing.SimulatedCheckout.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler()));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (ReplaceServices is not null)
        {
            builder.ConfigureTestServices(ReplaceServices);
        }
    }

    /// <summary>
    /// Serves the app on a real loopback socket through Kestrel (with its limits and framing) instead of the
    /// in-memory test server; <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> then talks to it over TCP.
    /// </summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress;
    }

    public PortalBrowser NewBrowser() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true }));

    public HttpClient NewClientWithoutRedirects() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
        if (Directory.Exists(Paths.DataRoot))
        {
            Directory.Delete(Paths.DataRoot, recursive: true);
        }
    }
}
