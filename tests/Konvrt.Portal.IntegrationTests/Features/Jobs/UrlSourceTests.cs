using System.Text;
using Konvrt.Portal.IntegrationTests.Features.Storage;
using Konvrt.Portal.IntegrationTests.Support;
using SixLabors.ImageSharp;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

/// <summary>The Fetch step against a real site on loopback: what it follows, what it refuses, and that a failed fetch costs nothing.</summary>
public sealed class UrlSourceTests(PortalFactory<WithS3Server> portal) : IClassFixture<PortalFactory<WithS3Server>>
{
    private ImageHost Images => portal.Setup.Images;


    [Fact]
    public async Task A_url_source_is_fetched_converted_and_charged_by_its_size_with_no_cookie_or_credential_sent()
    {
        var user = await portal.ApiUserAsync();
        var url = Images.Image("photo3_iphone6_3264x2448.jpg");

        var response = await user.Client.PostAsync("/api/v1/convert", Json($$"""{ "url": "{{url}}", "format": "webp", "maxWidth": 300 }"""));

        Assert.Equal(200, (int)response.StatusCode);
        var job = await response.JsonAsync();
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(url, job.GetProperty("input").GetProperty("url").GetString());
        Assert.Equal("photo3_iphone6_3264x2448.jpg", job.GetProperty("input").GetProperty("fileName").GetString());
        Assert.Equal(new FileInfo(ApiKit.TestImage("photo3_iphone6_3264x2448.jpg")).Length, job.GetProperty("input").GetProperty("bytes").GetInt64());
        Assert.Equal(1, job.GetProperty("creditsCharged").GetInt32());
        var download = await user.Client.GetByteArrayAsync(job.GetProperty("downloadUrl").GetString());
        Assert.Equal(300, Image.Identify(download).Width);
        var fetch = Images.Requests.Last(request => request.Path.EndsWith("photo3_iphone6_3264x2448.jpg", StringComparison.Ordinal));
        Assert.False(fetch.Headers.ContainsKey("cookie"));
        Assert.False(fetch.Headers.ContainsKey("authorization"));
    }

    [Fact]
    public async Task Five_redirects_are_followed_and_a_sixth_fails_the_job_as_unreachable()
    {
        var user = await portal.ApiUserAsync();

        var five = await user.Client.PostAsync("/api/v1/convert", Json($$"""{ "url": "{{Images.Redirects(5, "alpha_paper_2048x1536.png")}}", "format": "webp", "maxWidth": 200 }"""));
        var six = await user.Client.PostAsync("/api/v1/convert", Json($$"""{ "url": "{{Images.Redirects(6, "alpha_paper_2048x1536.png")}}", "format": "webp", "maxWidth": 200 }"""));

        Assert.Equal(200, (int)five.StatusCode);
        await six.AssertProblemAsync(422, "source-unreachable");
        Assert.Contains("more than 5 times", (await six.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("endless", 413, "source-too-large", "16 MB")]
    [InlineData("html", 415, "source-not-image", "not an image")]
    [InlineData("missing", 422, "source-unreachable", "answered 404")]
    [InlineData("silent", 422, "source-unreachable", "within 3 seconds")]
    public async Task A_fetch_that_fails_is_a_failed_job_with_its_own_problem_and_gives_every_credit_back(string source, int status, string type, string says)
    {
        var user = await portal.ApiUserAsync();
        var before = await BalanceAsync(user);
        var url = source switch { "endless" => Images.Endless, "html" => Images.HtmlPage, "missing" => Images.Missing, _ => Images.Silent };

        var response = await user.Client.PostAsync("/api/v1/convert", Json($$"""{ "url": "{{url}}", "outputs": [ { "name": "main", "format": "webp" }, { "name": "thumb", "maxWidth": 100 } ] }"""));

        await response.AssertProblemAsync(status, type);
        Assert.Contains(says, (await response.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await BalanceAsync(user));
        var job = (await (await user.Client.GetAsync("/api/v1/jobs")).JsonAsync()).GetProperty("items")[0];
        Assert.Equal(("failed", 0), (job.GetProperty("status").GetString(), job.GetProperty("creditsCharged").GetInt32()));
    }

    private static async Task<int> BalanceAsync(ApiUser user) =>
        (await (await user.Client.GetAsync("/api/v1/account")).JsonAsync()).GetProperty("creditBalance").GetInt32();
}
