using System.Net.Http.Headers;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.ApiKeys;

public sealed class ApiAuthenticationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<HttpResponseMessage> AccountWithAsync(string? authorization)
    {
        using var client = portal.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }
        return await client.GetAsync("/api/v1/account");
    }

    [Fact]
    public async Task A_valid_key_of_a_pro_workspace_reaches_the_api_and_its_last_use_is_recorded()
    {
        var user = await portal.ApiUserAsync();

        var account = await user.Client.GetAsync("/api/v1/account");

        Assert.Equal(200, (int)account.StatusCode);
        var body = await account.JsonAsync();
        Assert.Equal(user.WorkspaceId, body.GetProperty("workspace").GetProperty("id").GetGuid());
        Assert.Equal("pro", body.GetProperty("plan").GetString());
        Assert.Equal(60, body.GetProperty("rateLimit").GetProperty("requestsPerMinute").GetInt32());
        var key = (await portal.Services.GetRequiredService<ApiKeyService>().ListAsync(user.WorkspaceId, CancellationToken.None)).Single();
        Assert.NotNull(key.LastUsedAt);
        // Only a hash and a display prefix are kept: the key itself is nowhere in the database.
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(user.Key)), key.Hash);
        Assert.StartsWith("kvt_live_", user.Key, StringComparison.Ordinal);
        Assert.Equal(user.Key[..17], key.Prefix);
    }

    [Fact]
    public async Task Missing_malformed_unknown_revoked_and_expired_keys_all_get_the_same_401_problem()
    {
        var revoked = await portal.ApiUserAsync();
        await portal.Services.GetRequiredService<ApiKeyService>().RevokeAsync(revoked.WorkspaceId, revoked.KeyId, AuditActor.Administrator, onlyMadeBy: null, CancellationToken.None);
        var expired = await portal.ApiUserAsync();
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ApiKeys.Where(k => k.Id == expired.KeyId)
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        var answers = new[]
        {
            await AccountWithAsync(null),
            await AccountWithAsync("Bearer kvt_short"),
            await AccountWithAsync("Basic dXNlcjpwYXNz"),
            await AccountWithAsync("Bearer " + ApiKeyFormat.Generate(test: false)),
            await AccountWithAsync("Bearer " + revoked.Key),
            await AccountWithAsync("Bearer " + expired.Key),
        };

        foreach (var answer in answers)
        {
            await answer.AssertProblemAsync(401, "unauthorized");
            Assert.Equal("Bearer", answer.Headers.WwwAuthenticate.Single().Scheme);
        }
        var bodies = await Task.WhenAll(answers.Select(async answer => (await answer.JsonAsync()).GetProperty("detail").GetString()));
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task A_revoked_key_fails_on_the_very_next_request()
    {
        var user = await portal.ApiUserAsync();
        Assert.Equal(200, (int)(await user.Client.GetAsync("/api/v1/account")).StatusCode);

        Assert.True(await portal.Services.GetRequiredService<ApiKeyService>().RevokeAsync(user.WorkspaceId, user.KeyId, AuditActor.Administrator, onlyMadeBy: null, CancellationToken.None));

        await (await user.Client.GetAsync("/api/v1/account")).AssertProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task A_free_workspace_is_told_api_access_needs_the_pro_or_team_plan()
    {
        var user = await portal.ApiUserAsync(WorkspacePlan.Free);

        var answer = await user.Client.GetAsync("/api/v1/account");

        await answer.AssertProblemAsync(403, "plan-required");
        Assert.Contains("Pro or Team", (await answer.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_signed_in_portal_cookie_never_authenticates_the_api()
    {
        var email = $"cookie-{Guid.NewGuid():N}@example.com";
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var (registered, user) = await scope.ServiceProvider.GetRequiredService<Konvrt.Portal.Features.Accounts.AccountLifecycle>()
                .RegisterAsync(email, "cookie user password", emailConfirmed: true);
            Assert.True(registered.Succeeded);
            var workspaces = scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>();
            await workspaces.SetPlanAsync((await workspaces.FindCallerAsync(user.Id))!.WorkspaceId, WorkspacePlan.Pro, AuditActor.Administrator);
        }
        var browser = portal.NewBrowser();
        Assert.Equal("/dashboard", (await browser.LogInAsync(email, "cookie user password")).Path);

        var answer = await browser.Client.GetAsync("/api/v1/account");

        await answer.AssertProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task Keys_have_the_documented_format_and_a_wrong_checksum_is_refused_without_a_lookup()
    {
        var key = ApiKeyFormat.Generate(test: false);
        Assert.Matches("^kvt_live_[0-9A-Za-z]{38}$", key);
        Assert.Matches("^kvt_test_[0-9A-Za-z]{38}$", ApiKeyFormat.Generate(test: true));
        Assert.True(ApiKeyFormat.IsWellFormed(key));
        // Keys made before test keys existed (kvt_ and the same secret and checksum) are still well formed.
        Assert.True(ApiKeyFormat.IsWellFormed("kvt_" + key["kvt_live_".Length..]));
        Assert.False(ApiKeyFormat.IsWellFormed("kvt_live_" + key));
        var tampered = key[..10] + (key[10] == 'a' ? 'b' : 'a') + key[11..];
        Assert.False(ApiKeyFormat.IsWellFormed(tampered));
        Assert.Null(await portal.Services.GetRequiredService<ApiKeyService>().RecogniseAsync(tampered, CancellationToken.None));
        using var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tampered);
        await (await client.GetAsync("/api/v1/account")).AssertProblemAsync(401, "unauthorized");
    }
}
