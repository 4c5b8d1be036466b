using System.Net.Http.Headers;
using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Workspaces;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>A team workspace and its members, each with a key of their own, made as the admin CLI makes them.</summary>
internal static class TeamKit
{
    public const string Password = "team member password";

    /// <summary>A confirmed user (with their personal workspace), by the same service sign-up uses.</summary>
    public static async Task<PortalUser> UserAsync(this WebApplicationFactory<Program> portal, string? email = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var (result, user) = await scope.ServiceProvider.GetRequiredService<AccountLifecycle>()
            .RegisterAsync(email ?? $"member-{Guid.NewGuid():N}@example.com", Password, emailConfirmed: true);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(error => error.Description)));
        return user;
    }

    /// <summary>A team workspace on <paramref name="plan"/> and its owner (whose key it returns).</summary>
    public static async Task<ApiUser> TeamOwnerAsync(this WebApplicationFactory<Program> portal, WorkspacePlan plan = WorkspacePlan.Team)
    {
        var owner = await portal.UserAsync();
        var team = await portal.Services.GetRequiredService<WorkspaceDirectory>()
            .CreateTeamAsync(owner.Id, $"team {Guid.NewGuid():N}"[..13], plan, AuditActor.Administrator);
        return await portal.KeyForAsync(team.Id, owner);
    }

    /// <summary>A new member of the workspace with <paramref name="role"/>, and a key they made there.</summary>
    public static async Task<ApiUser> MemberAsync(this WebApplicationFactory<Program> portal, Guid workspaceId, WorkspaceRole role, bool test = false)
    {
        var user = await portal.UserAsync();
        var added = await portal.Services.GetRequiredService<TeamMembers>().AddAsync(Acting.Administrator(workspaceId), user.Id, user.Email!, role);
        Assert.True(added.Succeeded, added.Refusal);
        return await portal.KeyForAsync(workspaceId, user, test);
    }

    public static async Task<ApiUser> KeyForAsync(this WebApplicationFactory<Program> portal, Guid workspaceId, PortalUser user, bool test = false)
    {
        var created = await portal.Services.GetRequiredService<ApiKeyService>()
            .CreateAsync(workspaceId, $"{user.Email} key", null, user.Id, test, AuditActor.Administrator, CancellationToken.None);
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);
        return new ApiUser(workspaceId, created.Secret, created.Key.Id, client, user.Id);
    }
}
