using System.Security.Cryptography;
using System.Text;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Konvrt.Portal.IntegrationTests.Features.ApiKeys;

/// <summary>Test keys as the issue sells them: real conversions on every plan, free, small, brief, limited, and apart.</summary>
public sealed class TestKeyTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly byte[] Photo = File.ReadAllBytes(ApiKit.TestImage("photo3_iphone6_3264x2448.jpg"));
    private static readonly byte[] Small = File.ReadAllBytes(ApiKit.TestImage("generated/adobergb_srgb_1ea03c_32x32.jpg"));

    [Fact]
    public async Task On_the_free_plan_a_live_key_is_refused_and_a_test_key_converts_for_real_charging_nothing()
    {
        var live = await portal.ApiUserAsync(WorkspacePlan.Free);
        var test = await portal.KeyForAsync(live.WorkspaceId, await UserOfAsync(live), test: true);
        await (await live.Client.GetAsync("/api/v1/account")).AssertProblemAsync(403, "plan-required");
        var before = await (await test.Client.GetAsync("/api/v1/account")).JsonAsync();

        using var answer = await test.Client.PostAsync("/api/v1/convert", ApiKit.Form(Photo, "photo.jpg", ("format", "webp")));

        Assert.Equal(200, (int)answer.StatusCode);
        var job = await answer.JsonAsync();
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(0, job.GetProperty("creditsCharged").GetInt32());
        Assert.Equal("0", answer.Headers.GetValues("X-Credits-Charged").Single());
        var after = await (await test.Client.GetAsync("/api/v1/account")).JsonAsync();
        Assert.Equal(before.GetProperty("creditBalance").GetInt32(), after.GetProperty("creditBalance").GetInt32());
        Assert.Equal(10, after.GetProperty("rateLimit").GetProperty("requestsPerMinute").GetInt32());
        // A real WebP of the photo, shrunk to at most a megapixel, keeping its shape.
        var output = job.GetProperty("output");
        Assert.Equal((1154, 866), (output.GetProperty("width").GetInt32(), output.GetProperty("height").GetInt32()));
        var bytes = await (await test.Client.GetAsync($"/api/v1/download/{job.GetProperty("jobId").GetGuid()}")).Content.ReadAsByteArrayAsync();
        var info = SixLabors.ImageSharp.Image.Identify(bytes);
        Assert.Equal((1154, 866), (info.Width, info.Height));
        Assert.Equal("WEBP", info.Metadata.DecodedImageFormat!.Name);
    }

    [Fact]
    public async Task A_test_job_is_marked_test_kept_a_day_at_most_and_never_served_from_or_to_live_jobs_cache()
    {
        var live = await portal.ApiUserAsync(WorkspacePlan.Pro);
        var test = await portal.KeyForAsync(live.WorkspaceId, await UserOfAsync(live), test: true);
        var liveJob = await (await live.Client.PostAsync("/api/v1/convert", ApiKit.Form(Photo, "photo.jpg", ("format", "png"), ("maxWidth", "2000")))).JsonAsync();

        var testJob = await (await test.Client.PostAsync("/api/v1/convert", ApiKit.Form(Photo, "photo.jpg", ("format", "png"), ("maxWidth", "2000")))).JsonAsync();

        Assert.False(testJob.GetProperty("output").GetProperty("cached").GetBoolean());
        Assert.True(testJob.GetProperty("output").GetProperty("width").GetInt32() < liveJob.GetProperty("output").GetProperty("width").GetInt32());
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var stored = await db.Jobs.AsNoTracking().SingleAsync(job => job.Id == testJob.GetProperty("jobId").GetGuid());
        Assert.True(stored.IsTest);
        Assert.True(stored.ExpiresAt - stored.CreatedAt <= TestMode.Retention);
        Assert.Equal(0, stored.CreditsCharged);
    }

    [Fact]
    public async Task A_test_key_sees_only_test_jobs_and_a_live_key_only_live_ones()
    {
        var live = await portal.ApiUserAsync(WorkspacePlan.Pro);
        var test = await portal.KeyForAsync(live.WorkspaceId, await UserOfAsync(live), test: true);
        var liveJob = (await (await live.Client.PostAsync("/api/v1/convert", ApiKit.Form(Small, "live.jpg", ("format", "png")))).JsonAsync()).GetProperty("jobId").GetGuid();
        var testJob = (await (await test.Client.PostAsync("/api/v1/convert", ApiKit.Form(Small, "test.jpg", ("format", "png")))).JsonAsync()).GetProperty("jobId").GetGuid();

        Assert.Equal([testJob], await JobIdsAsync(test));
        Assert.Equal([liveJob], await JobIdsAsync(live));
        await (await test.Client.GetAsync($"/api/v1/status/{liveJob}")).AssertProblemAsync(404, "not-found");
        await (await live.Client.GetAsync($"/api/v1/download/{testJob}")).AssertProblemAsync(404, "not-found");
        await (await live.Client.DeleteAsync($"/api/v1/jobs/{testJob}")).AssertProblemAsync(404, "not-found");
    }

    [Fact]
    public async Task Test_keys_share_ten_requests_a_minute_of_their_own_and_leave_the_live_limit_alone()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var timed = new PortalFactory { ReplaceServices = services => services.AddSingleton<TimeProvider>(clock) };
        var live = await timed.ApiUserAsync(WorkspacePlan.Pro);
        var test = await timed.KeyForAsync(live.WorkspaceId, await UserOfAsync(live, timed), test: true);

        for (var request = 1; request <= 10; request++)
        {
            using var answer = await test.Client.GetAsync("/api/v1/jobs");
            Assert.Equal(200, (int)answer.StatusCode);
            Assert.Equal("\"test-keys\";q=10;w=60", answer.Headers.GetValues("RateLimit-Policy").Single());
        }
        using var limited = await test.Client.GetAsync("/api/v1/jobs");

        await limited.AssertProblemAsync(429, "rate-limited");
        Assert.Equal("60", limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var liveAnswer = await live.Client.GetAsync("/api/v1/jobs");
        Assert.Equal(200, (int)liveAnswer.StatusCode);
        Assert.Equal("\"per-workspace\";r=59;t=60", liveAnswer.Headers.GetValues("RateLimit").Single());
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(200, (int)(await test.Client.GetAsync("/api/v1/jobs")).StatusCode);
    }

    [Fact]
    public async Task A_key_made_before_test_keys_existed_still_works_as_a_live_key()
    {
        var user = await portal.ApiUserAsync(WorkspacePlan.Pro);
        var legacy = "kvt_" + ApiKeyFormat.Generate(test: false)["kvt_live_".Length..];
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            db.ApiKeys.Add(new ApiKey
            {
                WorkspaceId = user.WorkspaceId,
                Name = "from last year",
                Prefix = legacy[..12],
                Hash = SHA256.HashData(Encoding.ASCII.GetBytes(legacy)),
                CreatedByUserId = user.UserId,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        using var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", legacy);

        using var answer = await client.PostAsync("/api/v1/convert", ApiKit.Form(Small, "old.jpg", ("format", "png")));

        Assert.Equal(200, (int)answer.StatusCode);
        Assert.True((await answer.JsonAsync()).GetProperty("creditsCharged").GetInt32() > 0);
    }

    private static async Task<Konvrt.Portal.Features.Accounts.PortalUser> UserOfAsync(ApiUser user, PortalFactory? on = null)
    {
        await using var db = await (on ?? throw new InvalidOperationException()).Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Users.SingleAsync(u => u.Id == user.UserId);
    }

    private Task<Konvrt.Portal.Features.Accounts.PortalUser> UserOfAsync(ApiUser user) => UserOfAsync(user, portal);

    private static async Task<Guid[]> JobIdsAsync(ApiUser user) =>
        [.. (await (await user.Client.GetAsync("/api/v1/jobs")).JsonAsync()).GetProperty("items").EnumerateArray().Select(job => job.GetProperty("jobId").GetGuid())];
}
