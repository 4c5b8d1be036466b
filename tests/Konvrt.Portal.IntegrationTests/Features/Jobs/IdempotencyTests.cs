using System.Diagnostics;
using System.Net.Http.Headers;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Jobs.Idempotency;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

/// <summary>An Idempotency-Key held by a live request says "come back"; one held by a dead request is taken over within seconds.</summary>
public sealed class IdempotencyTests(ITestOutputHelper output)
{
    private static readonly byte[] Photo = File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg"));

    private static HttpRequestMessage Convert(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/convert") { Content = Form(Photo, "p.jpg", ("format", "webp"), ("maxWidth", "300")) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<IdempotencyRecord?> RecordAsync(IServiceProvider services, Guid workspaceId, string key)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.WorkspaceId == workspaceId && r.Key == key);
    }

    [Fact]
    public async Task A_repeat_while_the_first_request_is_still_working_gets_409_with_retry_after_then_the_first_answer_and_no_error_is_logged()
    {
        var logs = new LogCapture();
        await using var portal = new PortalFactory
        {
            // No workers: the first request waits its whole sync wait for a job nobody converts.
            Settings = new Dictionary<string, string> { ["Jobs:Workers"] = "0", ["Jobs:SyncWaitSeconds"] = "4" },
            ReplaceServices = logs.Register,
        };
        var user = await portal.ApiUserAsync();

        var first = user.Client.SendAsync(Convert("import-7"));
        await WaitUntilAsync(async () => (await RecordAsync(portal.Services, user.WorkspaceId, "import-7"))?.JobId is not null);
        var meanwhile = await user.Client.SendAsync(Convert("import-7"));

        await meanwhile.AssertProblemAsync(409, "idempotency-in-progress");
        Assert.InRange(meanwhile.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, IdempotencyStore.Lease.TotalSeconds);
        var answered = await first;
        Assert.Equal(202, (int)answered.StatusCode);
        var repeat = await user.Client.SendAsync(Convert("import-7"));
        Assert.Equal(202, (int)repeat.StatusCode);
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await answered.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.Equal(1, (await (await user.Client.GetAsync("/api/v1/jobs")).JsonAsync()).GetProperty("totalCount").GetInt32());
        Assert.Empty(logs.AtLeast(LogLevel.Error));
    }

    [Fact]
    public async Task A_lapsed_lease_is_taken_over_and_a_live_one_is_not()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory { ReplaceServices = services => services.AddSingleton<TimeProvider>(clock) };
        var workspace = await portal.CreateWorkspaceAsync();
        var store = portal.Services.GetRequiredService<IdempotencyStore>();

        var first = Assert.IsType<IdempotencyStore.First>(await store.ClaimAsync(workspace, "k", "hash", CancellationToken.None));
        clock.Advance(IdempotencyStore.Lease - TimeSpan.FromSeconds(1));
        var busy = Assert.IsType<IdempotencyStore.InProgress>(await store.ClaimAsync(workspace, "k", "hash", CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(1), busy.RetryAfter);
        Assert.IsType<IdempotencyStore.Mismatch>(await store.ClaimAsync(workspace, "k", "other request", CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(2));

        var takeover = Assert.IsType<IdempotencyStore.First>(await store.ClaimAsync(workspace, "k", "hash", CancellationToken.None));

        Assert.NotEqual(first.Hold.HolderId, takeover.Hold.HolderId);
        // The dead holder can no longer answer for the key: only the new one completes it.
        await store.CompleteAsync(first.Hold, new StoredResponse(200, "text/plain", "stale", null), CancellationToken.None);
        Assert.IsType<IdempotencyStore.InProgress>(await store.ClaimAsync(workspace, "k", "hash", CancellationToken.None));
        await store.CompleteAsync(takeover.Hold, new StoredResponse(200, "text/plain", "fresh", null), CancellationToken.None);
        Assert.Equal("fresh", Assert.IsType<IdempotencyStore.Repeat>(await store.ClaimAsync(workspace, "k", "hash", CancellationToken.None)).Response.Body);
    }

    [Fact]
    public async Task After_kill_9_mid_request_a_retry_with_the_same_key_recovers_within_seconds_and_converts_and_charges_once()
    {
        using var shared = new SharedDataFolder();
        string key;
        Guid workspaceId;
        await using (var setup = shared.Host(workers: 0))
        {
            var user = await setup.ApiUserAsync();
            (key, workspaceId) = (user.Key, user.WorkspaceId);
        }

        Stopwatch sinceKill;
        await using (var doomed = await PortalProcess.StartAsync(shared.Paths.DataRoot, shared.With(new Dictionary<string, string>
        {
            ["Jobs:Workers"] = "0",
            ["Jobs:SyncWaitSeconds"] = "60",
        })))
        {
            using var client = Client(doomed.BaseUrl, key);
            var inFlight = client.SendAsync(Convert("crash-1"));
            await WaitUntilAsync(async () => await JobIdOfKeyAsync(shared, "crash-1") is not null);
            doomed.Kill();
            sinceKill = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => inFlight);
        }

        await using var survivor = await PortalProcess.StartAsync(shared.Paths.DataRoot, shared.With(new Dictionary<string, string> { ["Jobs:Workers"] = "1" }));
        using var retrying = Client(survivor.BaseUrl, key);
        var statuses = new List<int>();
        HttpResponseMessage answer;
        while (true)
        {
            answer = await retrying.SendAsync(Convert("crash-1"));
            statuses.Add((int)answer.StatusCode);
            if (answer.StatusCode != System.Net.HttpStatusCode.Conflict || sinceKill.Elapsed > TimeSpan.FromSeconds(60))
            {
                break;
            }
            Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            await Task.Delay(answer.Headers.RetryAfter!.Delta!.Value);
        }
        var recovered = sinceKill.Elapsed;
        output.WriteLine($"Recovered {recovered.TotalSeconds:F1} s after kill -9; answers while waiting: {string.Join(", ", statuses)}");

        Assert.Equal(200, (int)answer.StatusCode);
        Assert.All(statuses.SkipLast(1), status => Assert.Equal(409, status));
        Assert.True(recovered < IdempotencyStore.Lease + TimeSpan.FromSeconds(15), $"recovered after {recovered}");
        await using var reader = shared.Host(workers: 0);
        await using var db = await reader.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Jobs.CountAsync(job => job.WorkspaceId == workspaceId));
        Assert.Equal(99, await reader.Services.GetRequiredService<CreditLedger>().BalanceAsync(workspaceId, CancellationToken.None));
    }

    private static HttpClient Client(string baseUrl, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>The job linked to the key, read straight from the database as another process sees it.</summary>
    private static async Task<Guid?> JobIdOfKeyAsync(SharedDataFolder shared, string key)
    {
        await using var db = shared.OpenDatabase();
        return await db.IdempotencyRecords.AsNoTracking().Where(record => record.Key == key).Select(record => record.JobId).SingleOrDefaultAsync();
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Eventually.TrueAsync(condition, "the first request to hold the key", TimeSpan.FromSeconds(60));
}
