using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.Admin;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Presets;
using Konvrt.Portal.Features.Storage;
using Konvrt.Portal.Features.Webhooks;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

        // The app's own registrations, feature by feature as Program.cs makes them, over a data folder of the
        // test's own and the app's appsettings.json (copied beside the tests: the packs and plans a self-hoster
        // starts with). Background services stay out (a test starts the job workers itself where it needs them),
        // and so does what bUnit plays itself: navigation, JS interop, the renderer's own services.
        var bunitOwn = Services.Select(service => service.ServiceType).ToHashSet();
        var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var paths = new PortalPaths(dataRoot);
        paths.EnsureCreated();
        app.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PortalPaths.ConfigurationKey] = dataRoot,
            [$"ConnectionStrings:{Konvrt.Portal.Infrastructure.Database.DatabaseOptions.ConnectionStringName}"] = $"Data Source={paths.Database};Pooling=False",
        });
        app.AddPortalDefaults();
        app.AddWorkspaces();
        app.AddAccounts();
        app.AddConversion();
        app.AddBilling();
        app.AddPresets();
        app.AddStorageDestinations();
        app.AddJobs();
        app.AddWebhooks();
        app.AddApiKeys();
        app.AddPublicApi();
        app.AddAdminConsole();
        foreach (var service in app.Services.Where(service => service.ServiceType != typeof(IHostedService) && !bunitOwn.Contains(service.ServiceType)))
        {
            Services.Add(service);
        }

        User = SeedUser("alice@example.com");
        Authorization = AddAuthorization();
        Authorization.SetAuthorized(User.Email!);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, User.Id), new Claim(ClaimTypes.Email, User.Email!));
    }

    private BunitAuthorizationContext Authorization { get; }

    /// <summary>The signed-in user as a site administrator: their principal carries the role, as Identity's cookie does.</summary>
    protected void MakeSiteAdministrator() => Authorization.SetClaims(
        new Claim(ClaimTypes.NameIdentifier, User.Id), new Claim(ClaimTypes.Email, User.Email!), new Claim(ClaimTypes.Role, PortalUser.AdminRole));

    protected PortalUser User { get; }

    /// <summary>The test's data folder: the mail the portal sends is in its pickup.</summary>
    protected PortalPaths Paths => new(dataRoot);

    protected Guid WorkspaceId => Service<WorkspaceDirectory>().FindCallerAsync(User.Id).GetAwaiter().GetResult()!.WorkspaceId;

    protected T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A team workspace on the Team plan, its owner someone else, which the signed-in user joins with <paramref name="role"/> and switches to.</summary>
    protected async Task<(Guid WorkspaceId, string OwnerId)> JoinTeamAsync(WorkspaceRole role)
    {
        var owner = SeedUser($"owner-{Guid.NewGuid():N}@example.com");
        var team = await Service<WorkspaceDirectory>().CreateTeamAsync(owner.Id, "Design team", WorkspacePlan.Team, AuditActor.Administrator);
        var joined = await Service<TeamMembers>().AddAsync(Acting.Administrator(team.Id), User.Id, User.Email!, role);
        Assert.True(joined.Succeeded, joined.Refusal);
        Assert.True(await Service<WorkspaceDirectory>().SwitchAsync(User.Id, team.Id));
        return (team.Id, owner.Id);
    }

    /// <summary>A team workspace on the Team plan that the signed-in user owns and switches to.</summary>
    protected async Task<Guid> OwnTeamAsync()
    {
        var team = await Service<WorkspaceDirectory>().CreateTeamAsync(User.Id, "Design team", WorkspacePlan.Team, AuditActor.Administrator);
        return team.Id;
    }

    /// <summary>A second workspace, not the signed-in user's, whose things must never show.</summary>
    protected Guid OtherWorkspaceId()
    {
        using var db = Service<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var workspace = new Workspace { Name = "someone else's workspace", CreatedAt = DateTimeOffset.UtcNow };
        db.Workspaces.Add(workspace);
        db.SaveChanges();
        return workspace.Id;
    }

    /// <summary>A confirmed user with a personal workspace, as sign-up leaves them.</summary>
    protected PortalUser SeedUser(string email)
    {
        var factory = new PooledFreeFactory(Services.BuildServiceProvider().GetRequiredService<IDbContextFactory<PortalDbContext>>());
        using var db = factory.Create();
        db.Database.Migrate();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true };
        db.Users.Add(user);
        new WorkspaceDirectory(factory.Inner, new AuditTrail(factory.Inner, TimeProvider.System), [], [],
            Microsoft.Extensions.Logging.Abstractions.NullLogger<WorkspaceDirectory>.Instance, TimeProvider.System).AddPersonalWorkspace(db, user);
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
