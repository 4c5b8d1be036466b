using System.Net.Http.Headers;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

public sealed class JobsApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly byte[] Photo = File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg"));

    private static async Task<Guid> ConvertAsync(ApiUser user, string fileName = "shoe.jpg", params (string, string)[] options)
    {
        var answer = await user.Client.PostAsync("/api/v1/convert", Form(Photo, fileName, options.Length > 0 ? options : [("format", "webp"), ("maxWidth", "320")]));
        return (await answer.JsonAsync()).GetProperty("jobId").GetGuid();
    }

    [Fact]
    public async Task A_download_has_the_right_type_name_etag_and_serves_byte_ranges()
    {
        var user = await portal.ApiUserAsync();
        var jobId = await ConvertAsync(user, "red shoe.jpg");

        var whole = await user.Client.GetAsync($"/api/v1/download/{jobId}");
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/download/{jobId}");
        request.Headers.Range = new RangeHeaderValue(10, 29);
        var part = await user.Client.SendAsync(request);
        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/download/{jobId}");
        again.Headers.IfNoneMatch.Add(whole.Headers.ETag!);
        var unchanged = await user.Client.SendAsync(again);

        Assert.Equal(200, (int)whole.StatusCode);
        Assert.Equal("image/webp", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal("red shoe.webp", whole.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.NotNull(whole.Headers.ETag);
        Assert.Equal("nosniff", whole.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        Assert.Equal(206, (int)part.StatusCode);
        Assert.Equal(bytes[10..30], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(304, (int)unchanged.StatusCode);
    }

    [Fact]
    public async Task Another_workspaces_job_is_404_for_status_download_and_delete()
    {
        var owner = await portal.ApiUserAsync();
        var stranger = await portal.ApiUserAsync();
        var jobId = await ConvertAsync(owner);

        await (await stranger.Client.GetAsync($"/api/v1/status/{jobId}")).AssertProblemAsync(404, "not-found");
        await (await stranger.Client.GetAsync($"/api/v1/download/{jobId}")).AssertProblemAsync(404, "not-found");
        await (await stranger.Client.DeleteAsync($"/api/v1/jobs/{jobId}")).AssertProblemAsync(404, "not-found");
        Assert.DoesNotContain(jobId.ToString(), await (await stranger.Client.GetAsync("/api/v1/jobs")).Content.ReadAsStringAsync());

        Assert.Equal(200, (int)(await owner.Client.GetAsync($"/api/v1/status/{jobId}")).StatusCode);
        Assert.Equal(200, (int)(await owner.Client.GetAsync($"/api/v1/download/{jobId}")).StatusCode);
        await (await owner.Client.GetAsync($"/api/v1/status/{Guid.NewGuid()}")).AssertProblemAsync(404, "not-found");
        await (await owner.Client.GetAsync("/api/v1/status/not-a-job-id")).AssertProblemAsync(404, "not-found");
    }

    [Fact]
    public async Task The_job_list_is_paged_newest_first_and_filters_by_status()
    {
        var user = await portal.ApiUserAsync();
        var first = await ConvertAsync(user, "one.jpg");
        var second = await ConvertAsync(user, "two.jpg", ("format", "png"), ("width", "64"));
        await user.Client.PostAsync("/api/v1/convert", Form("not an image"u8.ToArray(), "three.jpg"));

        var page = await (await user.Client.GetAsync("/api/v1/jobs?status=completed&pageSize=1")).JsonAsync();
        var all = await (await user.Client.GetAsync("/api/v1/jobs")).JsonAsync();

        Assert.Equal(2, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(second, page.GetProperty("items")[0].GetProperty("jobId").GetGuid());
        Assert.Equal(3, all.GetProperty("totalCount").GetInt32());
        Assert.Equal(first, all.GetProperty("items")[2].GetProperty("jobId").GetGuid());
        await (await user.Client.GetAsync("/api/v1/jobs?status=sleeping")).AssertProblemAsync(400, "bad-request");
    }

    [Fact]
    public async Task Deleting_a_finished_job_removes_it_and_its_download()
    {
        var user = await portal.ApiUserAsync();
        var jobId = await ConvertAsync(user);

        var deleted = await user.Client.DeleteAsync($"/api/v1/jobs/{jobId}");

        Assert.Equal(204, (int)deleted.StatusCode);
        await (await user.Client.GetAsync($"/api/v1/status/{jobId}")).AssertProblemAsync(404, "not-found");
        await (await user.Client.GetAsync($"/api/v1/download/{jobId}")).AssertProblemAsync(404, "not-found");
    }

    [Fact]
    public async Task A_repeat_with_the_same_idempotency_key_returns_the_first_answer_without_converting_again()
    {
        var user = await portal.ApiUserAsync();
        async Task<HttpResponseMessage> PostAsync(byte[] file, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/convert") { Content = Form(file, "p.jpg", ("format", "webp"), ("maxWidth", "200")) };
            request.Headers.Add("Idempotency-Key", key);
            return await user.Client.SendAsync(request);
        }

        var first = await PostAsync(Photo, "import-42");
        var repeats = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(Photo, "import-42")));
        var otherFile = await PostAsync(File.ReadAllBytes(TestImage("photo2_nokia83_4608x1976.jpg")), "import-42");

        var firstBody = await first.Content.ReadAsStringAsync();
        foreach (var repeat in repeats)
        {
            Assert.Equal(200, (int)repeat.StatusCode);
            Assert.Equal(firstBody, await repeat.Content.ReadAsStringAsync());
            Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        }
        var jobs = await (await user.Client.GetAsync("/api/v1/jobs")).JsonAsync();
        Assert.Equal(1, jobs.GetProperty("totalCount").GetInt32());
        await otherFile.AssertProblemAsync(422, "idempotency-key-reused");
    }
}

public sealed class JobStateApiTests
{
    [Fact]
    public async Task A_download_is_409_while_the_job_waits_and_410_once_its_files_were_deleted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using (var idle = new PortalFactory { Settings = new Dictionary<string, string> { ["Jobs:Workers"] = "0" } })
        {
            var user = await idle.ApiUserAsync();
            var queued = await (await user.Client.PostAsync("/api/v1/convert", Form(File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg")), "q.jpg", ("async", "true")))).JsonAsync();
            var jobId = queued.GetProperty("jobId").GetGuid();

            await (await user.Client.GetAsync($"/api/v1/download/{jobId}")).AssertProblemAsync(409, "job-not-ready");
            await (await user.Client.DeleteAsync($"/api/v1/jobs/{jobId}")).AssertProblemAsync(409, "job-running");
        }

        await using var portal = new PortalFactory { ReplaceServices = services => services.AddSingleton<TimeProvider>(clock) };
        var owner = await portal.ApiUserAsync();
        var done = await (await owner.Client.PostAsync("/api/v1/convert", Form(File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg")), "d.jpg", ("maxWidth", "100")))).JsonAsync();
        clock.Advance(TimeSpan.FromHours(25));
        await portal.Services.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);

        var gone = await owner.Client.GetAsync($"/api/v1/download/{done.GetProperty("jobId").GetGuid()}");

        await gone.AssertProblemAsync(410, "job-expired");
        var status = await (await owner.Client.GetAsync($"/api/v1/status/{done.GetProperty("jobId").GetGuid()}")).JsonAsync();
        Assert.Equal("expired", status.GetProperty("status").GetString());
    }
}
