using Konvrt.Portal.TestSupport;
using Konvrt.Portal.IntegrationTests.Support;
using System.Net.Http.Headers;
using System.Text.Json;
using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Workspaces;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>A user whose workspace is on a plan, with a key, and an HTTP client that sends it.</summary>
internal sealed record ApiUser(Guid WorkspaceId, string Key, Guid KeyId, HttpClient Client, string UserId = "");

internal static class ApiKit
{
    public static string TestImage(string name) => Path.Combine(AppContext.BaseDirectory, "TestImages", name);

    /// <param name="test">A test key (kvt_test_…) instead of a live one.</param>
    public static async Task<ApiUser> ApiUserAsync(this WebApplicationFactory<Program> portal, WorkspacePlan plan = WorkspacePlan.Pro, bool test = false)
    {
        var email = $"api-{Guid.NewGuid():N}@example.com";
        await using var scope = portal.Services.CreateAsyncScope();
        var (result, user) = await scope.ServiceProvider.GetRequiredService<AccountLifecycle>().RegisterAsync(email, "api user password", emailConfirmed: true);
        Assert.True(result.Succeeded);
        var workspaces = scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>();
        var caller = (await workspaces.FindCallerAsync(user.Id))!;
        await workspaces.SetPlanAsync(caller.WorkspaceId, plan, AuditActor.Administrator);
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(caller.WorkspaceId, "tests", null, user.Id, test, AuditActor.Administrator, CancellationToken.None);
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);
        return new ApiUser(caller.WorkspaceId, created.Secret, created.Key.Id, client, user.Id);
    }

    public static MultipartFormDataContent Form(byte[] file, string fileName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", fileName } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        return form;
    }

    /// <summary>A JSON request body, as the API's JSON form of <c>/convert</c> takes it.</summary>
    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task AssertProblemAsync(this HttpResponseMessage response, int status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/problems/" + type, JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());
    }

    public static async Task<JsonElement> PollUntilFinishedAsync(this HttpClient client, string statusUrl) =>
        (await Eventually.ValueAsync<Finished>(async () =>
        {
            var status = await (await client.GetAsync(statusUrl)).JsonAsync();
            return status.GetProperty("status").GetString() is "completed" or "failed" ? new Finished(status) : null;
        }, $"{statusUrl} to finish", TimeSpan.FromSeconds(60), every: TimeSpan.FromMilliseconds(500))).Status;

    private sealed record Finished(JsonElement Status);
}
