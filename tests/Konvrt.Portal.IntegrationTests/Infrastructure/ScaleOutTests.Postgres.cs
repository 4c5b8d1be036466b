using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Webhooks;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

/// <summary>
/// Two portal processes, each with a data folder of its own, on one PostgreSQL database and one S3 bucket, behind
/// docs/deploy/nginx.conf run by Debian's nginx: what docs/deploy.md tells a self-hoster to set up.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Jobs = 100;
    private const string Bucket = "konvrt-data";
    private readonly List<string> folders = [];
    private TestDatabase.Lease database = default!;
    private S3Server s3 = default!;
    private WebhookReceiver receiver = default!;

    public async Task InitializeAsync()
    {
        database = (await TestDatabase.LeaseAsync())!;
        s3 = await S3Server.StartAsync(Bucket);
        receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await s3.DisposeAsync();
        await database.DisposeAsync();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Dictionary<string, string> Settings => new(database.Settings.Concat(s3.PortalStorage(Bucket)))
    {
        // The webhook receiver is on loopback.
        ["Outbound:AllowPrivateNetworks"] = "true",
        ["Webhooks:PollSeconds"] = "0.2",
        ["Jobs:Workers"] = "1",
        // A killed instance's claim lapses in seconds, so its job is taken over within the test.
        ["Jobs:LeaseSeconds"] = "3",
        ["Jobs:PollSeconds"] = "0.5",
        // A job finished by the killed instance but not yet announced is announced by the other within seconds.
        ["Jobs:StragglerSeconds"] = "2",
        // The import workspace (Pro) may submit its hundred jobs at once; the Team workspace keeps the default 60 a minute.
        ["Api:RateLimits:Pro"] = "100000",
    };

    private string NewDataFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "konvrt-instance-" + Guid.NewGuid().ToString("N"));
        folders.Add(folder);
        return folder;
    }

    [Fact]
    public async Task Two_instances_behind_nginx_complete_every_job_exactly_once_through_a_kill_9_and_share_limits_and_logins()
    {
        var (import, limited, person) = await SetUpAccountsAsync();
        var folderA = NewDataFolder();
        var folderB = NewDataFolder();
        await using var a = await PortalProcess.StartAsync(folderA, Settings);
        var b = await PortalProcess.StartAsync(folderB, Settings);
        try
        {
            await using var nginx = await NginxServer.StartAsync(Path.Combine(PortalProcess.RepositoryRoot, "docs", "deploy", "nginx.conf"), [a.Port, b.Port]);
            using var api = Client(nginx.BaseUrl, import.Key);

            // 100 async jobs, four at a time, through the one address; each its own size, so none is a cache hit.
            var photo = await File.ReadAllBytesAsync(TestImage("photo3_iphone6_3264x2448.jpg"));
            var upstreams = new ConcurrentBag<string>();
            var submitted = new ConcurrentBag<Guid>();
            await Parallel.ForEachAsync(Enumerable.Range(0, Jobs), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (index, ct) =>
            {
                var answer = await api.PostAsync("/api/v1/convert", Form(photo, $"product-{index}.jpg",
                    ("format", "webp"), ("maxWidth", (200 + index).ToString(CultureInfo.InvariantCulture)), ("async", "true"), ("webhookUrl", receiver.Url("/jobs"))), ct);
                Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
                upstreams.Add(answer.Headers.GetValues("X-Konvrt-Upstream").Single());
                submitted.Add((await answer.JsonAsync()).GetProperty("jobId").GetGuid());
            });
            Assert.Equal(2, upstreams.Distinct().Count());

            // One instance dies mid-way, jobs in hand, and comes back on the same port.
            await Eventually.TrueAsync(async () => await CompletedAsync(import.WorkspaceId) >= Jobs / 4, "a quarter of the jobs to complete", TimeSpan.FromMinutes(2));
            b.Kill();
            output.WriteLine($"Killed B with {await CompletedAsync(import.WorkspaceId)} of {Jobs} completed");
            await b.DisposeAsync();
            b = await PortalProcess.StartAsync(folderB, Settings, port: b.Port);

            await Eventually.TrueAsync(async () => await CompletedAsync(import.WorkspaceId) == Jobs, "every job to complete and be announced", TimeSpan.FromMinutes(3));
            await AssertEachJobCompletedOnceAsync(import.WorkspaceId, [.. submitted]);

            // The 61st request of the minute is refused whichever instance gets it.
            using var onA = Client(a.BaseUrl, limited.Key);
            using var onB = Client(b.BaseUrl, limited.Key);
            for (var i = 0; i < 30; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/api/v1/account")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/account")).StatusCode);
            }
            Assert.Equal(HttpStatusCode.TooManyRequests, (await onA.GetAsync("/api/v1/account")).StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await onB.GetAsync("/api/v1/account")).StatusCode);

            // Logged in through A, the same browser is logged in on B.
            var cookies = new CookieContainer();
            using var browserOnA = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(a.BaseUrl) };
            var landed = await new PortalBrowser(browserOnA).LogInAsync(person.Email, person.Password);
            Assert.Equal("/dashboard", landed.Path);
            using var browserOnB = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(b.BaseUrl) };
            var dashboardOnB = await browserOnB.GetAsync("/dashboard");
            Assert.Equal(HttpStatusCode.OK, dashboardOnB.StatusCode);
        }
        finally
        {
            output.WriteLine(b.Log.Length > 4000 ? b.Log[^4000..] : b.Log);
            await b.DisposeAsync();
        }
    }

    /// <summary>Every job completed once: one attempt that counted, one charge, one recorded event, delivered (a repeat being the same message), one output in the bucket.</summary>
    private async Task AssertEachJobCompletedOnceAsync(Guid workspace, IReadOnlyList<Guid> submitted)
    {
        await using var db = OpenDatabase();
        var jobs = await db.Jobs.AsNoTracking().Where(job => job.WorkspaceId == workspace).ToListAsync();
        Assert.Equal(submitted.Order(), jobs.Select(job => job.Id).Order());
        Assert.All(jobs, job => Assert.Equal(JobStatus.Completed, job.Status));
        Assert.All(jobs, job => Assert.NotNull(job.NotifiedAt));
        output.WriteLine($"Jobs tried more than once (taken over after the kill): {jobs.Count(job => job.Attempts > 1)}");

        var charges = await db.Set<CreditEntry>().AsNoTracking().Where(entry => entry.WorkspaceId == workspace && entry.JobId != null).ToListAsync();
        Assert.All(charges, entry => Assert.Equal(CreditEntryKind.Charge, entry.Kind));
        Assert.Equal(submitted.Order(), charges.Select(entry => entry.JobId!.Value).Order());

        var events = await db.Set<WebhookMessage>().AsNoTracking()
            .Where(message => message.WorkspaceId == workspace && message.EventType == WebhookEventTypes.JobCompleted).ToListAsync();
        Assert.Equal(Jobs, events.Count);

        await Eventually.TrueAsync(() => receiver.Received.Count(delivery => delivery.Path == "/jobs") >= Jobs, "every webhook to be delivered", TimeSpan.FromMinutes(1));
        // Delivery is at least once: an instance killed after the receiver answered but before it recorded the answer
        // leaves the message to be sent again. What a receiver relies on is that a repeat is the same message: one
        // webhook-id per job, whatever arrived twice.
        var delivered = receiver.Received.Where(delivery => delivery.Path == "/jobs")
            .Select(delivery => (Job: JsonDocument.Parse(delivery.Body).RootElement.GetProperty("data").GetProperty("jobId").GetGuid(), Id: delivery.Headers["webhook-id"]))
            .ToList();
        Assert.Equal(submitted.Order(), delivered.Select(delivery => delivery.Job).Distinct().Order());
        Assert.All(delivered.GroupBy(delivery => delivery.Job), repeats => Assert.Single(repeats.Select(delivery => delivery.Id).Distinct()));
        output.WriteLine($"Webhooks delivered twice (their sender killed before recording the answer): {delivered.Count - Jobs}");

        var outputs = await s3.KeysAsync(Bucket, $"{workspace:N}/outputs/");
        Assert.Equal(Jobs, outputs.Count);
    }

    private async Task<int> CompletedAsync(Guid workspace)
    {
        await using var db = OpenDatabase();
        return await db.Jobs.CountAsync(job => job.WorkspaceId == workspace && job.Status == JobStatus.Completed && job.NotifiedAt != null);
    }

    private PostgresPortalDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(database.ConnectionString).Options);

    private sealed record Person(string Email, string Password);

    /// <summary>The accounts, made by a third, short-lived instance on the same database.</summary>
    private async Task<(ApiUser Import, ApiUser Limited, Person Person)> SetUpAccountsAsync()
    {
        await using var setup = new PortalFactory
        {
            Settings = new Dictionary<string, string>(Settings) { ["Jobs:Workers"] = "0", [Konvrt.Portal.Infrastructure.PortalPaths.ConfigurationKey] = NewDataFolder() },
        };
        var import = await setup.ApiUserAsync();
        await setup.Services.GetRequiredService<CreditLedger>().CreditAsync(import.WorkspaceId, CreditEntryKind.Grant, 1000, null, "Scale-out test", CancellationToken.None);
        var limited = await setup.ApiUserAsync(WorkspacePlan.Team);
        var person = new Person($"person-{Guid.NewGuid():N}@example.com", "a password for both instances");
        await using var scope = setup.Services.CreateAsyncScope();
        var (registered, _) = await scope.ServiceProvider.GetRequiredService<AccountLifecycle>().RegisterAsync(person.Email, person.Password, emailConfirmed: true);
        Assert.True(registered.Succeeded);
        return (import, limited, person);
    }

    private static HttpClient Client(string baseUrl, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
