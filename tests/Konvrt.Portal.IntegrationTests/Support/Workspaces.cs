using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Support;

public static class Workspaces
{
    /// <summary>A workspace of its own for a test, straight in the database.</summary>
    public static async Task<Guid> CreateWorkspaceAsync(this WebApplicationFactory<Program> portal, string name = "test workspace")
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var workspace = new Workspace { Name = name, CreatedAt = DateTimeOffset.UtcNow };
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync();
        return workspace.Id;
    }
}
