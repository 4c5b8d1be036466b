using System.Net.Http.Json;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.IntegrationTests.Features.Webhooks;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.Workspaces;

/// <summary>
/// Every role against every kind of API call, as the issue describes the roles: Viewers read, Developers also
/// convert and delete jobs, Admins and Owners also manage presets, webhooks and storage. The expectations are
/// written out here, not read from the portal's own table, so a wrong entry there fails this test.
/// </summary>
public sealed class RoleMatrixApiTests(PortalFactory<WithWebhookReceiver> portal) : IClassFixture<PortalFactory<WithWebhookReceiver>>
{
    private static readonly byte[] SmallJpeg = File.ReadAllBytes(ApiKit.TestImage("generated/adobergb_srgb_1ea03c_32x32.jpg"));

    private static readonly string[] Reads = ["account", "list jobs", "job status", "download", "list presets"];
    private static readonly string[] Converts = ["convert", "delete a job"];
    private static readonly string[] Manages = ["save a preset", "list webhooks", "add a webhook", "list storage"];

    private static readonly Dictionary<WorkspaceRole, string[]> Allowed = new()
    {
        [WorkspaceRole.Viewer] = Reads,
        [WorkspaceRole.Developer] = [.. Reads, .. Converts],
        [WorkspaceRole.Admin] = [.. Reads, .. Converts, .. Manages],
        [WorkspaceRole.Owner] = [.. Reads, .. Converts, .. Manages],
    };

    [Fact]
    public async Task Each_role_may_make_exactly_the_calls_its_role_allows_and_gets_role_forbidden_for_the_rest()
    {
        var owner = await portal.TeamOwnerAsync();
        var keys = new Dictionary<WorkspaceRole, ApiUser> { [WorkspaceRole.Owner] = owner };
        foreach (var role in new[] { WorkspaceRole.Admin, WorkspaceRole.Developer, WorkspaceRole.Viewer })
        {
            keys[role] = await portal.MemberAsync(owner.WorkspaceId, role);
        }
        var seen = await ConvertAsync(owner);
        var mismatches = new List<string>();

        foreach (var (role, key) in keys)
        {
            var mine = await ConvertAsync(owner);
            var calls = new Dictionary<string, Func<Task<HttpResponseMessage>>>
            {
                ["account"] = () => key.Client.GetAsync("/api/v1/account"),
                ["list jobs"] = () => key.Client.GetAsync("/api/v1/jobs"),
                ["job status"] = () => key.Client.GetAsync($"/api/v1/status/{seen}"),
                ["download"] = () => key.Client.GetAsync($"/api/v1/download/{seen}"),
                ["list presets"] = () => key.Client.GetAsync("/api/v1/presets"),
                ["convert"] = () => key.Client.PostAsync("/api/v1/convert", ApiKit.Form(SmallJpeg, "small.jpg", ("format", "png"))),
                ["delete a job"] = () => key.Client.DeleteAsync($"/api/v1/jobs/{mine}"),
                ["save a preset"] = () => key.Client.PostAsJsonAsync("/api/v1/presets",
                    new { name = $"preset-{role.ToString().ToLowerInvariant()}", options = new { format = "webp" } }),
                ["list webhooks"] = () => key.Client.GetAsync("/api/v1/webhooks"),
                ["add a webhook"] = () => key.Client.PostAsJsonAsync("/api/v1/webhooks",
                    new { url = portal.Setup.Receiver.Url($"/{role}"), events = new[] { "job.completed" } }),
                ["list storage"] = () => key.Client.GetAsync("/api/v1/storage"),
            };
            Assert.Equal([.. Reads, .. Converts, .. Manages], calls.Keys);
            foreach (var (name, call) in calls)
            {
                using var answer = await call();
                var allowed = Allowed[role].Contains(name);
                var body = await answer.Content.ReadAsStringAsync();
                var refusedForRole = (int)answer.StatusCode == 403 && body.Contains("/problems/role-forbidden", StringComparison.Ordinal);
                if (allowed ? !answer.IsSuccessStatusCode : !refusedForRole)
                {
                    mismatches.Add($"{role} {name}: {(int)answer.StatusCode} {body[..Math.Min(body.Length, 160)]}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Every_api_endpoint_names_what_a_role_needs_to_call_it()
    {
        var api = portal.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .ToList();

        Assert.True(api.Count >= 20, $"only {api.Count} API endpoints found");
        Assert.All(api, endpoint => Assert.True(endpoint.Metadata.GetMetadata<Konvrt.Portal.Features.ApiKeys.RequiredAction>() is not null,
            $"{endpoint.DisplayName} does not say which role may call it"));
    }

    [Fact]
    public async Task A_demoted_members_key_loses_the_right_at_once_and_a_removed_members_key_stops_working()
    {
        var owner = await portal.TeamOwnerAsync();
        var developer = await portal.MemberAsync(owner.WorkspaceId, WorkspaceRole.Developer);
        Assert.Equal(200, (int)(await developer.Client.PostAsync("/api/v1/convert", ApiKit.Form(SmallJpeg, "a.jpg", ("format", "png")))).StatusCode);
        var team = portal.Services.GetRequiredService<TeamMembers>();

        var demoted = await team.ChangeRoleAsync(Acting.Administrator(owner.WorkspaceId), developer.UserId, WorkspaceRole.Viewer);

        Assert.True(demoted.Succeeded, demoted.Refusal);
        await (await developer.Client.PostAsync("/api/v1/convert", ApiKit.Form(SmallJpeg, "a.jpg", ("format", "png")))).AssertProblemAsync(403, "role-forbidden");
        Assert.Equal(200, (int)(await developer.Client.GetAsync("/api/v1/jobs")).StatusCode);

        var removed = await team.RemoveAsync(Acting.Administrator(owner.WorkspaceId), developer.UserId);

        Assert.True(removed.Succeeded, removed.Refusal);
        await (await developer.Client.GetAsync("/api/v1/jobs")).AssertProblemAsync(401, "unauthorized");
        var key = (await portal.Services.GetRequiredService<Konvrt.Portal.Features.ApiKeys.ApiKeyService>().ListAsync(owner.WorkspaceId, CancellationToken.None))
            .Single(k => k.Id == developer.KeyId);
        Assert.NotNull(key.RevokedAt);
    }

    [Fact]
    public async Task A_job_of_another_workspace_answers_404_to_every_role()
    {
        var other = await portal.ApiUserAsync();
        var theirs = await ConvertAsync(other);
        var owner = await portal.TeamOwnerAsync();

        foreach (var role in Enum.GetValues<WorkspaceRole>())
        {
            var key = role == WorkspaceRole.Owner ? owner : await portal.MemberAsync(owner.WorkspaceId, role);
            await (await key.Client.GetAsync($"/api/v1/status/{theirs}")).AssertProblemAsync(404, "not-found");
            await (await key.Client.DeleteAsync($"/api/v1/jobs/{theirs}")).AssertProblemAsync(role is WorkspaceRole.Viewer ? 403 : 404,
                role is WorkspaceRole.Viewer ? "role-forbidden" : "not-found");
        }
    }

    private static async Task<Guid> ConvertAsync(ApiUser user)
    {
        using var answer = await user.Client.PostAsync("/api/v1/convert", ApiKit.Form(SmallJpeg, "seen.jpg", ("format", "png")));
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        return (await answer.JsonAsync()).GetProperty("jobId").GetGuid();
    }
}
