using Konvrt.Portal.Infrastructure.Outbound;
using System.Security.Claims;
using Bunit;
using Konvrt.Portal.Components.Display;
using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Konvrt.Portal.ComponentTests;

/// <summary>
/// The one base for component tests: MudBlazor's services, loose JS interop, and the portal's real
/// services over a real SQLite file, with one signed-in user and their personal workspace.
/// </summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    private readonly string dataRoot = Path.Combine(Path.GetTempPath(), "konvrt-component-" + Guid.NewGuid().ToString("N"));

    protected PortalComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();

        var paths = new PortalPaths(dataRoot);
        paths.EnsureCreated();
        Services.AddSingleton(paths);
        Services.AddSingleton(TimeProvider.System);
        Services.AddDbContextFactory<PortalDbContext>(options => options.UseSqlite($"Data Source={paths.Database};Pooling=False"));
        Services.AddSingleton<WorkspaceDirectory>();
        Services.AddScoped<CurrentCaller>();
        Services.AddSingleton<UserPreferences>();
        Services.AddSingleton<Konvrt.Portal.Features.ApiKeys.ApiKeyService>();
        Services.AddScoped<BrowserTime>();

        // The real conversion engine, blob store and job services; the workers start only where a test asks.
        // The app's own appsettings.json (copied beside the tests): the packs and plans a self-hoster starts with.
        var configuration = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build();
        Services.AddSingleton<LocalDiskBlobStore>();
        Services.AddSingleton<IBlobStore>(provider => provider.GetRequiredService<LocalDiskBlobStore>());
        Services.AddConversionEngine(configuration);
        Services.AddBillingServices(configuration);
        Services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" });
        Services.AddJobServices(configuration);
        Services.AddOutboundPolicy(configuration);
        Services.AddWebhookServices(configuration);
        Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        Services.AddSingleton<Konvrt.Portal.Features.Accounts.Email.IMailTransport, Konvrt.Portal.Features.Accounts.Email.PickupDirectoryTransport>();
        Services.AddSingleton<Konvrt.Portal.Features.Workspaces.OwnerNotices>();

        User = SeedUser("alice@example.com");
        var authorization = AddAuthorization();
        authorization.SetAuthorized(User.Email!);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, User.Id), new Claim(ClaimTypes.Email, User.Email!));
    }

    protected PortalUser User { get; }

    protected Guid WorkspaceId => Service<WorkspaceDirectory>().FindCallerAsync(User.Id).GetAwaiter().GetResult()!.WorkspaceId;

    protected T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A second workspace, not the signed-in user's, whose things must never show.</summary>
    protected Guid OtherWorkspaceId()
    {
        using var db = Service<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var workspace = new Workspace { Name = "someone else's workspace", CreatedAt = DateTimeOffset.UtcNow };
        db.Workspaces.Add(workspace);
        db.SaveChanges();
        return workspace.Id;
    }

    private PortalUser SeedUser(string email)
    {
        var factory = new PooledFreeFactory(Services.BuildServiceProvider().GetRequiredService<IDbContextFactory<PortalDbContext>>());
        using var db = factory.Create();
        db.Database.Migrate();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true };
        db.Users.Add(user);
        new WorkspaceDirectory(factory.Inner, TimeProvider.System).AddPersonalWorkspace(db, user);
        db.SaveChanges();
        return user;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    private JobWorkers? workers;

    /// <summary>Starts the job workers, as the app's host would, so that submitted jobs get converted.</summary>
    protected async Task StartJobWorkersAsync()
    {
        workers = ActivatorUtilities.CreateInstance<JobWorkers>(Services);
        await workers.StartAsync(CancellationToken.None);
    }

    protected static string TestImage(string name) => Path.Combine(AppContext.BaseDirectory, "TestImages", name);

    // MudBlazor's services dispose only asynchronously, so xUnit must take this path, not Dispose().
    async Task IAsyncLifetime.DisposeAsync()
    {
        if (workers is not null)
        {
            using var stopNow = new CancellationTokenSource();
            await stopNow.CancelAsync();
            await workers.StopAsync(stopNow.Token);
            workers.Dispose();
        }
        await DisposeAsync();
        if (Directory.Exists(dataRoot))
        {
            Directory.Delete(dataRoot, recursive: true);
        }
    }

    private sealed record PooledFreeFactory(IDbContextFactory<PortalDbContext> Inner)
    {
        public PortalDbContext Create() => Inner.CreateDbContext();
    }
}
