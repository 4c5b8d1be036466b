using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>
/// What a test class needs of the portal beyond a fresh data folder: settings, replaced services, an environment,
/// and companions it talks to (a fake Stripe, a webhook receiver), started before the portal and stopped after.
/// </summary>
public abstract class PortalSetup : IAsyncDisposable
{
    public virtual Task StartAsync() => Task.CompletedTask;

    public virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public virtual void ReplaceServices(IServiceCollection services)
    {
    }

    public virtual string? Environment => null;

    /// <summary>Stops the companions, after the portal has stopped.</summary>
    protected virtual ValueTask StopAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The portal configured by <typeparamref name="TSetup"/>: one factory, configured per test class.</summary>
public sealed class PortalFactory<TSetup> : PortalFactory, IAsyncLifetime where TSetup : PortalSetup, new()
{
    public TSetup Setup { get; } = new();

    public Task InitializeAsync() => Setup.StartAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Setup.Settings)
        {
            builder.UseSetting(key, value);
        }
        if (Setup.Environment is { } environment)
        {
            builder.UseEnvironment(environment);
        }
        builder.ConfigureTestServices(Setup.ReplaceServices);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Setup.DisposeAsync();
    }
}

/// <summary>No job workers: the test decides when accepted jobs are processed, and seeded queued jobs stay queued.</summary>
public sealed class WithoutWorkers : PortalSetup
{
    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Jobs:Workers"] = "0" };
}

/// <summary>The host environment is Production (WebApplicationFactory's default is Development).</summary>
public sealed class InProduction : PortalSetup
{
    public override string Environment => "Production";
}
