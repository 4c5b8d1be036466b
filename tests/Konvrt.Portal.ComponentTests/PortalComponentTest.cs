using System.Security.Claims;
using Bunit;
using Konvrt.Portal.Features.Accounts;
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

        User = SeedUser("alice@example.com");
        var authorization = AddAuthorization();
        authorization.SetAuthorized(User.Email!);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, User.Id), new Claim(ClaimTypes.Email, User.Email!));
    }

    protected PortalUser User { get; }

    protected Guid WorkspaceId => Service<WorkspaceDirectory>().FindCallerAsync(User.Id).GetAwaiter().GetResult()!.WorkspaceId;

    protected T Service<T>() where T : notnull => Services.GetRequiredService<T>();

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

    // MudBlazor's services dispose only asynchronously, so xUnit must take this path, not Dispose().
    async Task IAsyncLifetime.DisposeAsync()
    {
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
