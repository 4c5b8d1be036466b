using Konvrt.Portal.IntegrationTests.Support;
using SixLabors.ImageSharp;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

public sealed class ConvertApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly byte[] CameraJpeg = File.ReadAllBytes(TestImage("photo1_olympus-ep3_4032x3024.jpg"));

    [Fact]
    public async Task The_tutorials_web_preset_completes_in_the_request_with_an_absolute_download_url()
    {
        var user = await portal.ApiUserAsync();

        var answer = await user.Client.PostAsync("/api/v1/convert",
            Form(CameraJpeg, "product.jpg", ("format", "webp"), ("quality", "80"), ("maxWidth", "1200")));

        Assert.Equal(200, (int)answer.StatusCode);
        var body = await answer.JsonAsync();
        var jobId = body.GetProperty("jobId").GetGuid();
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal($"http://localhost/api/v1/download/{jobId}", body.GetProperty("downloadUrl").GetString());
        Assert.Equal(("product.jpg", "jpeg", 4032, 3024, CameraJpeg.Length), (
            body.GetProperty("input").GetProperty("fileName").GetString(),
            body.GetProperty("input").GetProperty("format").GetString(),
            body.GetProperty("input").GetProperty("width").GetInt32(),
            body.GetProperty("input").GetProperty("height").GetInt32(),
            body.GetProperty("input").GetProperty("bytes").GetInt32()));
        Assert.Equal(("webp", 1200, 900), (
            body.GetProperty("output").GetProperty("format").GetString(),
            body.GetProperty("output").GetProperty("width").GetInt32(),
            body.GetProperty("output").GetProperty("height").GetInt32()));
        // A new workspace starts with 100 free credits; a photo under 10 MB costs one.
        Assert.Equal(1, body.GetProperty("creditsCharged").GetInt32());
        Assert.Equal(("1", "99"), (answer.Headers.GetValues("X-Credits-Charged").Single(), answer.Headers.GetValues("X-Credits-Remaining").Single()));
        Assert.False(body.TryGetProperty("statusUrl", out _));

        var download = await user.Client.GetAsync(body.GetProperty("downloadUrl").GetString());
        var image = Image.Identify(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal((1200, 900), (image.Width, image.Height));
    }

    [Fact]
    public async Task Quality_auto_answers_with_the_quality_it_chose_and_a_given_quality_is_not_repeated()
    {
        var user = await portal.ApiUserAsync();

        var auto = await (await user.Client.PostAsync("/api/v1/convert", Form(CameraJpeg, "auto.jpg",
            ("format", "webp"), ("quality", "auto:eco"), ("maxWidth", "600")))).JsonAsync();
        var given = await (await user.Client.PostAsync("/api/v1/convert", Form(CameraJpeg, "given.jpg",
            ("format", "webp"), ("quality", "77"), ("maxWidth", "600")))).JsonAsync();

        Assert.InRange(auto.GetProperty("output").GetProperty("quality").GetInt32(), 30, 95);
        Assert.False(given.GetProperty("output").TryGetProperty("quality", out _));
        // The job as stored says the same later.
        var stored = await (await user.Client.GetAsync($"/api/v1/status/{auto.GetProperty("jobId").GetGuid()}")).JsonAsync();
        Assert.Equal(auto.GetProperty("output").GetProperty("quality").GetInt32(), stored.GetProperty("output").GetProperty("quality").GetInt32());
    }

    [Fact]
    public async Task The_tutorials_avatar_crop_gives_a_200_square()
    {
        var user = await portal.ApiUserAsync();

        var body = await (await user.Client.PostAsync("/api/v1/convert", Form(CameraJpeg, "avatar.jpg",
            ("format", "webp"), ("quality", "80"), ("width", "200"), ("height", "200"), ("crop", "center")))).JsonAsync();

        Assert.Equal((200, 200), (body.GetProperty("output").GetProperty("width").GetInt32(), body.GetProperty("output").GetProperty("height").GetInt32()));
    }

    [Fact]
    public async Task Asked_for_async_the_api_answers_202_with_where_to_poll_and_the_job_completes()
    {
        var user = await portal.ApiUserAsync();

        var answer = await user.Client.PostAsync("/api/v1/convert", Form(CameraJpeg, "big.jpg", ("format", "avif"), ("maxWidth", "1600"), ("async", "true")));

        Assert.Equal(202, (int)answer.StatusCode);
        var body = await answer.JsonAsync();
        Assert.Equal("queued", body.GetProperty("status").GetString());
        var statusUrl = body.GetProperty("statusUrl").GetString();
        Assert.Equal(statusUrl, answer.Headers.Location?.ToString());
        Assert.False(body.TryGetProperty("downloadUrl", out _));
        var finished = await user.Client.PollUntilFinishedAsync(statusUrl!);
        Assert.Equal("completed", finished.GetProperty("status").GetString());
        Assert.True(finished.TryGetProperty("downloadUrl", out _));
        Assert.True(finished.TryGetProperty("completedAt", out _));
    }

    [Fact]
    public async Task Each_kind_of_bad_upload_gets_its_own_status_and_problem_type()
    {
        var user = await portal.ApiUserAsync();

        await (await user.Client.PostAsync("/api/v1/convert", Form("plain text, not a photo"u8.ToArray(), "photo.jpg")))
            .AssertProblemAsync(415, "unsupported-format");
        await (await user.Client.PostAsync("/api/v1/convert", Form(CameraJpeg[..(CameraJpeg.Length / 2)], "half.jpg")))
            .AssertProblemAsync(422, "invalid-image");
        var options = await user.Client.PostAsync("/api/v1/convert", Form(CameraJpeg, "a.jpg", ("quality", "0"), ("fit", "squash"), ("colour", "red")));
        await options.AssertProblemAsync(400, "invalid-options");
        var errors = (await options.JsonAsync()).GetProperty("errors");
        Assert.Equal(["colour", "fit", "quality"], errors.EnumerateObject().Select(error => error.Name).Order());
        var noFile = new MultipartFormDataContent { { new StringContent("webp"), "format" } };
        var missing = await user.Client.PostAsync("/api/v1/convert", noFile);
        await missing.AssertProblemAsync(400, "invalid-options");
        Assert.True((await missing.JsonAsync()).GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task A_refused_upload_still_leaves_a_failed_job_the_caller_can_look_up()
    {
        var user = await portal.ApiUserAsync();

        var refusal = await (await user.Client.PostAsync("/api/v1/convert", Form("<svg><script>alert(1)</script></svg>"u8.ToArray(), "x.svg"))).JsonAsync();
        var status = await (await user.Client.GetAsync($"/api/v1/status/{refusal.GetProperty("jobId").GetGuid()}")).JsonAsync();

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("unsupported-format", status.GetProperty("error").GetProperty("code").GetString());
    }
}
