using System.Net.Http.Headers;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

/// <summary>Two instances over one PostgreSQL database hear each other through LISTEN/NOTIFY.</summary>
public sealed class ClusterTests : IDisposable
{
    private readonly SharedDataFolder shared = new();

    public void Dispose() => shared.Dispose();

    private PortalFactory Instance(int workers, double pollSeconds) => new()
    {
        Settings = shared.With(new Dictionary<string, string>
        {
            ["Jobs:Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Polling would find the work in a minute: anything sooner was a notice.
            ["Jobs:PollSeconds"] = pollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs:SyncWaitSeconds"] = "30",
            // A recognised key is trusted for an hour: only the revocation notice can end it sooner.
            ["Api:KeyCache:Seconds"] = "3600",
        }),
    };

    [Fact]
    public async Task A_sync_request_on_an_instance_without_workers_is_answered_by_another_instance_s_worker()
    {
        await using var front = Instance(workers: 0, pollSeconds: 600);
        await using var worker = Instance(workers: 1, pollSeconds: 600);
        _ = worker.Services;
        var user = await front.ApiUserAsync();

        var answer = await (await user.Client.PostAsync("/api/v1/convert",
            Form(File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg")), "shoe.jpg", ("format", "webp"), ("maxWidth", "300")))).JsonAsync();

        // Queued on the front, woken on the worker by the queued notice, answered on the front by the finished notice.
        Assert.Equal("completed", answer.GetProperty("status").GetString());
        Assert.Equal(300, answer.GetProperty("output").GetProperty("width").GetInt32());
    }

    [Fact]
    public async Task A_key_revoked_on_one_instance_is_refused_at_once_by_another_that_had_it_cached()
    {
        await using var first = Instance(workers: 0, pollSeconds: 600);
        await using var second = Instance(workers: 0, pollSeconds: 600);
        var user = await first.ApiUserAsync();
        using var onSecond = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Key);
        Assert.Equal(200, (int)(await onSecond.GetAsync("/api/v1/account")).StatusCode);

        Assert.True(await first.Services.GetRequiredService<ApiKeyService>().RevokeAsync(user.WorkspaceId, user.KeyId, AuditActor.Administrator, onlyMadeBy: null, CancellationToken.None));

        // The notice crosses a socket: it is heard within moments, an hour before the cache would have let go.
        await Eventually.TrueAsync(async () => (int)(await onSecond.GetAsync("/api/v1/account")).StatusCode == 401,
            "the second instance to refuse the revoked key", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_job_deleted_on_one_instance_is_gone_at_once_on_another_that_had_it_in_memory()
    {
        await using var first = Instance(workers: 1, pollSeconds: 600);
        await using var second = Instance(workers: 0, pollSeconds: 600);
        var user = await first.ApiUserAsync();
        var converted = await (await user.Client.PostAsync("/api/v1/convert",
            Form(File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg")), "shoe.jpg", ("format", "webp"), ("maxWidth", "200")))).JsonAsync();
        var jobId = converted.GetProperty("jobId").GetGuid();
        using var onSecond = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Key);
        // Read twice: the finished job is now answered from the second instance's memory.
        Assert.Equal(200, (int)(await onSecond.GetAsync($"/api/v1/status/{jobId}")).StatusCode);
        Assert.Equal(200, (int)(await onSecond.GetAsync($"/api/v1/status/{jobId}")).StatusCode);

        Assert.Equal(204, (int)(await user.Client.DeleteAsync($"/api/v1/jobs/{jobId}")).StatusCode);

        await Eventually.TrueAsync(async () => (int)(await onSecond.GetAsync($"/api/v1/status/{jobId}")).StatusCode == 404,
            "the second instance to forget the deleted job", TimeSpan.FromSeconds(10));
    }
}
