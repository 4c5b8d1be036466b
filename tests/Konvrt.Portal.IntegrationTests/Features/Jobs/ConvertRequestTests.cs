using Konvrt.Portal.TestSupport;
using System.Net.Http.Headers;
using System.Text;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

/// <summary>Bodies that are not what POST /convert takes get an answer that says what is wrong with them.</summary>
public sealed class ConvertRequestTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly byte[] Photo = File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg"));

    private static ByteArrayContent Multipart(string body, string? contentType = "multipart/form-data; boundary=b")
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Fact]
    public async Task Multipart_without_its_closing_boundary_is_a_400_malformed_request_not_413()
    {
        var user = await portal.ApiUserAsync();

        var answer = await user.Client.PostAsync("/api/v1/convert",
            Multipart("--b\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nwebp\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\nnot all of it"));

        await answer.AssertProblemAsync(400, "malformed-request");
    }

    [Fact]
    public async Task Multipart_without_a_boundary_is_a_400_malformed_request()
    {
        var user = await portal.ApiUserAsync();

        var answer = await user.Client.PostAsync("/api/v1/convert", Multipart("--b\r\n\r\n--b--\r\n", "multipart/form-data"));

        await answer.AssertProblemAsync(400, "malformed-request");
        Assert.Contains("boundary", (await answer.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_part_without_content_disposition_is_a_400_malformed_request()
    {
        var user = await portal.ApiUserAsync();

        var answer = await user.Client.PostAsync("/api/v1/convert", Multipart("--b\r\nContent-Type: image/jpeg\r\n\r\nxyz\r\n--b--\r\n"));

        await answer.AssertProblemAsync(400, "malformed-request");
        Assert.Contains("Content-Disposition", (await answer.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_encoded_form_is_a_415_that_says_to_send_multipart_or_json()
    {
        var user = await portal.ApiUserAsync();

        var answer = await user.Client.PostAsync("/api/v1/convert", new FormUrlEncodedContent([KeyValuePair.Create("format", "webp")]));

        await answer.AssertProblemAsync(415, "unsupported-media-type");
        var detail = (await answer.JsonAsync()).GetProperty("detail").GetString();
        Assert.Contains("multipart/form-data", detail, StringComparison.Ordinal);
        Assert.Contains("application/json", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_body_without_a_url_says_a_source_is_required_and_bad_json_is_a_malformed_request()
    {
        var user = await portal.ApiUserAsync();

        var noSource = await user.Client.PostAsync("/api/v1/convert", new StringContent("{\"format\":\"webp\"}", Encoding.UTF8, "application/json"));
        var broken = await user.Client.PostAsync("/api/v1/convert", new StringContent("{\"url\": ", Encoding.UTF8, "application/json"));

        await noSource.AssertProblemAsync(400, "invalid-options");
        Assert.Contains("'url'", (await noSource.JsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        await broken.AssertProblemAsync(400, "malformed-request");
    }

    [Fact]
    public async Task A_second_file_part_is_a_second_job_of_a_batch_never_silently_dropped()
    {
        var user = await portal.ApiUserAsync();
        var form = Form(Photo, "one.jpg");
        form.Add(new ByteArrayContent(Photo), "file", "two.jpg");

        var answer = await user.Client.PostAsync("/api/v1/convert", form);

        Assert.Equal(200, (int)answer.StatusCode);
        var batch = await answer.JsonAsync();
        Assert.Equal(["one.jpg", "two.jpg"], batch.GetProperty("jobs").EnumerateArray().Select(job => job.GetProperty("input").GetProperty("fileName").GetString()));
        var jobs = await (await user.Client.GetAsync("/api/v1/jobs")).JsonAsync();
        Assert.Equal(2, jobs.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task An_upload_is_received_into_the_data_folder_and_leaves_nothing_there_when_the_client_goes_away()
    {
        var user = await portal.ApiUserAsync();
        var spool = portal.Services.GetRequiredService<PortalPaths>().Temporary;
        var sent = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var content = new StreamContent(new StallingStream(Photo, stallAfter: Photo.Length / 2, sent, release.Task));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("image/jpeg");
        var form = new MultipartFormDataContent { { content, "file", "slow.jpg" } };
        using var abandon = new CancellationTokenSource();

        var upload = user.Client.PostAsync("/api/v1/convert", form, abandon.Token);
        await sent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var receiving = await Eventually.SeenAsync(() => Directory.Exists(spool) ? Directory.GetFiles(spool).SingleOrDefault(file => new FileInfo(file).Length > 0) : null,
            "the upload to arrive in the spool");

        Assert.StartsWith(spool, receiving, StringComparison.Ordinal);
        await abandon.CancelAsync();
        release.SetResult();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);
        await Eventually.TrueAsync(() => Directory.GetFiles(spool).Length == 0, "the spooled file to go");
    }

    [Fact]
    public async Task Uploads_a_crash_left_in_the_data_folder_are_removed_at_the_next_start()
    {
        var data = new PortalPaths(Path.Combine(Path.GetTempPath(), "konvrt-it-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(data.Temporary);
        var leftover = Path.Combine(data.Temporary, "upload-0123456789abcdef0123456789abcdef.part");
        await File.WriteAllBytesAsync(leftover, new byte[8 * 1024 * 1024]);
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddMinutes(-10));

        await using (var restarted = new PortalFactory { Settings = new Dictionary<string, string> { [PortalPaths.ConfigurationKey] = data.DataRoot } })
        {
            using var client = restarted.CreateClient();
            await client.GetAsync("/healthz");

            Assert.False(File.Exists(leftover));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data.DataRoot, recursive: true);
    }

    /// <summary>Sends the first part of a file, then waits, as a client on a slow or dying connection does.</summary>
    private sealed class StallingStream(byte[] bytes, int stallAfter, TaskCompletionSource sent, Task release) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position < stallAfter)
            {
                return await base.ReadAsync(buffer[..(int)Math.Min(buffer.Length, stallAfter - Position)], cancellationToken);
            }
            sent.TrySetResult();
            await release.WaitAsync(cancellationToken);
            return await base.ReadAsync(buffer, cancellationToken);
        }
    }
}
