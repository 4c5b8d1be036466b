using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Storage;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.IntegrationTests.Features.Storage;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

/// <summary>
/// The tutorial's import as one call each: several outputs of one source, stored in the workspace's own bucket
/// (a real S3 server), batches, waiting, and the events that say so.
/// </summary>
public sealed class PipelineApiTests(PortalFactory<WithS3Server> portal) : IClassFixture<PortalFactory<WithS3Server>>
{
    private static readonly byte[] Photo = File.ReadAllBytes(TestImage("photo1_olympus-ep3_4032x3024.jpg"));
    private const string MainAndThumb = """[ { "name": "main", "format": "webp", "maxWidth": 1200 }, { "name": "thumb", "format": "webp", "maxWidth": 300, "quality": 70 } ]""";

    private WithS3Server Setup => portal.Setup;


    [Fact]
    public async Task Two_outputs_of_one_upload_come_back_named_each_downloadable_and_charged_one_conversion_each()
    {
        var user = await portal.ApiUserAsync();

        var response = await user.Client.PostAsync("/api/v1/convert", Form(Photo, "shoe.jpg", ("outputs", MainAndThumb)));

        Assert.Equal(200, (int)response.StatusCode);
        var job = await response.JsonAsync();
        var outputs = job.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal([("main", 1200, 900), ("thumb", 300, 225)], outputs.Select(output =>
            (output.GetProperty("name").GetString(), output.GetProperty("width").GetInt32(), output.GetProperty("height").GetInt32())));
        Assert.All(outputs, output => Assert.Equal("completed", output.GetProperty("status").GetString()));
        Assert.Equal(2, job.GetProperty("creditsCharged").GetInt32());
        // The one-output fields still describe the first output.
        Assert.Equal(1200, job.GetProperty("output").GetProperty("width").GetInt32());
        var main = await user.Client.GetByteArrayAsync(job.GetProperty("downloadUrl").GetString());
        var thumb = await user.Client.GetAsync(outputs[1].GetProperty("downloadUrl").GetString());
        Assert.Equal(1200, Image.Identify(main).Width);
        Assert.Equal("image/webp", thumb.Content.Headers.ContentType?.MediaType);
        Assert.Equal("shoe-thumb.webp", thumb.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(300, Image.Identify(await thumb.Content.ReadAsByteArrayAsync()).Width);
        var jobId = job.GetProperty("jobId").GetGuid();
        await (await user.Client.GetAsync($"/api/v1/download/{jobId}/nope")).AssertProblemAsync(404, "not-found");
    }

    [Fact]
    public async Task The_product_import_fetches_by_url_stores_both_outputs_under_the_products_path_and_one_event_lists_them()
    {
        var user = await portal.ApiUserAsync();
        await AddDestinationAsync(user, "shop");
        var url = Setup.Images.Image("photo3_iphone6_3264x2448.jpg");
        var hook = Setup.Receiver.Url($"/import-{user.WorkspaceId:N}");

        var response = await user.Client.PostAsync("/api/v1/convert", Json($$"""
            {
              "url": "{{url}}",
              "storage": "shop",
              "variables": { "productId": "sku-42" },
              "webhookUrl": "{{hook}}",
              "outputs": [
                { "name": "main", "preset": "web", "path": "products/{productId}/main.webp" },
                { "name": "thumb", "preset": "thumbnail", "path": "products/{productId}/thumb.{ext}" }
              ]
            }
            """));

        Assert.Equal(200, (int)response.StatusCode);
        var job = await response.JsonAsync();
        var stored = job.GetProperty("outputs").EnumerateArray().Select(output => output.GetProperty("stored")).ToList();
        Assert.Equal([("shop", "products/sku-42/main.webp", "stored"), ("shop", "products/sku-42/thumb.webp", "stored")],
            stored.Select(s => (s.GetProperty("destination").GetString(), s.GetProperty("key").GetString(), s.GetProperty("status").GetString())));
        Assert.Equal(["products/sku-42/main.webp", "products/sku-42/thumb.webp"], await Setup.S3.KeysAsync(WithS3Server.Bucket, "products/sku-42/"));
        var inBucket = await Setup.S3.ReadAsync(WithS3Server.Bucket, "products/sku-42/thumb.webp");
        Assert.Equal(await user.Client.GetByteArrayAsync(job.GetProperty("outputs")[1].GetProperty("downloadUrl").GetString()), inBucket);

        var delivery = await Eventually.SeenAsync(() => Setup.Receiver.Received.FirstOrDefault(d => d.Path == $"/import-{user.WorkspaceId:N}"), "the job.completed event");
        var payload = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal("job.completed", payload.GetProperty("type").GetString());
        var listed = payload.GetProperty("data").GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(["products/sku-42/main.webp", "products/sku-42/thumb.webp"], listed.Select(output => output.GetProperty("stored").GetProperty("key").GetString()));
        Assert.All(listed, output => Assert.StartsWith("https://konvrt.example/api/v1/download/", output.GetProperty("downloadUrl").GetString(), StringComparison.Ordinal));
        Assert.Single(Setup.Receiver.Received, d => d.Path == $"/import-{user.WorkspaceId:N}");
    }

    [Fact]
    public async Task Format_auto_follows_the_accept_header_says_what_it_chose_and_stores_under_that_extension()
    {
        var user = await portal.ApiUserAsync();
        await AddDestinationAsync(user, "auto-shop");

        async Task<JsonElement> ConvertAsync(string accept, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/convert")
            {
                Content = Form(Photo, "shoe.jpg", ("storage", "auto-shop"),
                    ("outputs", $$"""[ { "name": "main", "format": "auto", "maxWidth": 400, "path": "{{key}}/{name}.{ext}" } ]""")),
            };
            request.Headers.TryAddWithoutValidation("Accept", accept);
            var response = await user.Client.SendAsync(request);
            Assert.True((int)response.StatusCode == 200, await response.Content.ReadAsStringAsync());
            return await response.JsonAsync();
        }

        var jpegOnly = await ConvertAsync("application/json, image/jpeg", "jpeg-only");
        var browser = await ConvertAsync("image/avif,image/webp,image/apng,image/*,*/*;q=0.8", "browser");

        Assert.Equal("jpeg", jpegOnly.GetProperty("output").GetProperty("format").GetString());
        Assert.Equal("jpeg-only/main.jpg", jpegOnly.GetProperty("outputs")[0].GetProperty("stored").GetProperty("key").GetString());
        var download = await user.Client.GetAsync(jpegOnly.GetProperty("downloadUrl").GetString());
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("shoe.jpg", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(await download.Content.ReadAsByteArrayAsync(), await Setup.S3.ReadAsync(WithS3Server.Bucket, "jpeg-only/main.jpg"));

        // A browser that names AVIF gets the smaller of AVIF and WebP; either way the key carries its extension.
        var chosen = browser.GetProperty("output").GetProperty("format").GetString();
        Assert.Contains(chosen, new[] { "avif", "webp" });
        Assert.Equal([$"browser/main.{chosen}"], await Setup.S3.KeysAsync(WithS3Server.Bucket, "browser/"));
    }

    [Fact]
    public async Task A_path_that_cannot_be_filled_or_a_path_without_storage_is_refused_before_anything_runs()
    {
        var user = await portal.ApiUserAsync();
        await AddDestinationAsync(user, "shop");

        var noVariable = await user.Client.PostAsync("/api/v1/convert", Form(Photo, "a.jpg", ("storage", "shop"),
            ("outputs", """[ { "name": "main", "path": "products/{productId}/main.webp" } ]""")));
        var noStorage = await user.Client.PostAsync("/api/v1/convert", Form(Photo, "a.jpg",
            ("outputs", """[ { "name": "main", "path": "products/main.webp" } ]""")));
        var unknown = await user.Client.PostAsync("/api/v1/convert", Form(Photo, "a.jpg", ("storage", "elsewhere")));

        await noVariable.AssertProblemAsync(400, "invalid-options");
        Assert.Contains("'productId'", (await noVariable.JsonAsync()).GetProperty("errors").GetProperty("outputs[0].path")[0].GetString(), StringComparison.Ordinal);
        await noStorage.AssertProblemAsync(400, "invalid-options");
        Assert.True((await noStorage.JsonAsync()).GetProperty("errors").TryGetProperty("storage", out _));
        await unknown.AssertProblemAsync(400, "invalid-options");
        Assert.Equal(0, (await (await user.Client.GetAsync("/api/v1/jobs")).JsonAsync()).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task An_upload_that_fails_is_reported_retrying_then_stored_by_the_retry_once_the_bucket_is_back()
    {
        var user = await portal.ApiUserAsync();
        await Setup.S3.CreateBucketAsync("flaky");
        await AddDestinationAsync(user, "flaky", bucket: "flaky");
        using (var client = Setup.S3.Client())
        {
            await client.DeleteBucketAsync("flaky");
        }

        var response = await user.Client.PostAsync("/api/v1/convert", Form(Photo, "gone.jpg", ("storage", "flaky"), ("format", "webp"), ("maxWidth", "200")));

        var job = await response.JsonAsync();
        Assert.Equal("completed", job.GetProperty("status").GetString());
        var stored = job.GetProperty("outputs")[0].GetProperty("stored");
        Assert.Equal("retrying", stored.GetProperty("status").GetString());
        Assert.Contains("does not exist", stored.GetProperty("error").GetString(), StringComparison.Ordinal);
        // Its owner hears of it at once, while the outputs are retried, and once for the whole failing spell.
        var owner = Assert.Single(await portal.Services.GetRequiredService<WorkspaceDirectory>().OwnerEmailsAsync(user.WorkspaceId));
        var mail = await MailPickup.LatestToAsync(portal.Paths, owner);
        Assert.Equal("Konvrt cannot store outputs in \"flaky\"", mail.Subject);
        Assert.Contains("does not exist", mail.TextBody, StringComparison.Ordinal);
        MailPickup.AssertExplained(mail, "you own the Konvrt workspace", "storage");
        var again = await (await user.Client.PostAsync("/api/v1/convert", Form(Photo, "gone-too.jpg", ("storage", "flaky"), ("format", "webp"), ("maxWidth", "100")))).JsonAsync();
        Assert.Equal("retrying", again.GetProperty("outputs")[0].GetProperty("stored").GetProperty("status").GetString());
        Assert.Single(await MailPickup.AllToAsync(portal.Paths, owner), message => message.Subject == mail.Subject);

        await Setup.S3.CreateBucketAsync("flaky");
        var retries = portal.Services.GetRequiredService<StoreRetries>();
        var statusUrls = new[] { job, again }.Select(made => $"/api/v1/status/{made.GetProperty("jobId").GetGuid()}").ToList();
        var after = await Eventually.ValueAsync(async () =>
        {
            await retries.RetryDueAsync(CancellationToken.None);
            var now = new List<string>();
            foreach (var statusUrl in statusUrls)
            {
                var stored = (await (await user.Client.GetAsync(statusUrl)).JsonAsync()).GetProperty("outputs")[0].GetProperty("stored");
                if (stored.GetProperty("status").GetString() != "stored")
                {
                    return null;
                }
                now.Add(stored.GetRawText());
            }
            return now;
        }, "both retried uploads", every: TimeSpan.FromMilliseconds(500));
        Assert.All(after, stored => Assert.DoesNotContain("error", stored, StringComparison.Ordinal));
        Assert.Equal(2, (await Setup.S3.KeysAsync("flaky")).Count);
        var destination = await portal.Services.GetRequiredService<StorageDestinations>().FindAsync(user.WorkspaceId, "flaky", CancellationToken.None);
        Assert.Null(destination!.FailingSince);
    }

    [Fact]
    public async Task Several_sources_make_a_batch_its_status_waits_its_zip_holds_every_output_and_batch_completed_comes_once()
    {
        var user = await portal.ApiUserAsync();
        var hook = Setup.Receiver.Url($"/batch-{user.WorkspaceId:N}");
        var form = Form(Photo, "one.jpg", ("outputs", MainAndThumb), ("async", "true"), ("webhookUrl", hook));
        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(TestImage("alpha_paper_2048x1536.png"))), "file", "two.png");
        form.Add(new StringContent(Setup.Images.Image("photo3_iphone6_3264x2448.jpg")), "url");

        var response = await user.Client.PostAsync("/api/v1/convert", form);

        Assert.Equal(202, (int)response.StatusCode);
        var accepted = await response.JsonAsync();
        var batchId = accepted.GetProperty("batchId").GetGuid();
        Assert.Equal($"http://localhost/api/v1/batches/{batchId}", response.Headers.Location?.ToString());
        Assert.Equal(["one.jpg", "two.png", "photo3_iphone6_3264x2448.jpg"],
            accepted.GetProperty("jobs").EnumerateArray().Select(job => job.GetProperty("input").GetProperty("fileName").GetString()));

        var batch = await (await user.Client.GetAsync($"/api/v1/batches/{batchId}?wait=60")).JsonAsync();
        Assert.Equal(("completed", 3, 3), (batch.GetProperty("status").GetString(), batch.GetProperty("total").GetInt32(), batch.GetProperty("completed").GetInt32()));
        Assert.Equal(6, batch.GetProperty("creditsCharged").GetInt32());

        var zip = await user.Client.GetAsync($"/api/v1/batches/{batchId}/download");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        Assert.Equal(["one-thumb.webp", "one.webp", "photo3_iphone6_3264x2448-thumb.webp", "photo3_iphone6_3264x2448.webp", "two-thumb.webp", "two.webp"],
            archive.Entries.Select(entry => entry.FullName).Order(StringComparer.Ordinal));

        var completed = await Eventually.SeenAsync(() => Setup.Receiver.Received.FirstOrDefault(d => d.Path == $"/batch-{user.WorkspaceId:N}"
            && d.Body.Contains("\"batch.completed\"", StringComparison.Ordinal)), "batch.completed");
        var data = JsonDocument.Parse(completed.Body).RootElement.GetProperty("data");
        Assert.Equal(3, data.GetProperty("jobs").GetArrayLength());
        await Eventually.TrueAsync(() => Setup.Receiver.Received.Count(d => d.Path == $"/batch-{user.WorkspaceId:N}" && d.Body.Contains("\"job.completed\"", StringComparison.Ordinal)) == 3,
            "the three job.completed events");
        Assert.Equal(0, await portal.Services.GetRequiredService<StragglerNotifier>().SweepAsync(CancellationToken.None));
        Assert.Single(Setup.Receiver.Received, d => d.Path == $"/batch-{user.WorkspaceId:N}" && d.Body.Contains("\"batch.completed\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Waiting_on_a_status_answers_when_the_job_ends_and_a_wait_over_a_minute_is_refused()
    {
        var user = await portal.ApiUserAsync();
        var accepted = await (await user.Client.PostAsync("/api/v1/convert", Form(Photo, "w.jpg", ("async", "true"), ("format", "avif"), ("maxWidth", "800")))).JsonAsync();
        var jobId = accepted.GetProperty("jobId").GetGuid();

        var waited = await (await user.Client.GetAsync($"/api/v1/status/{jobId}?wait=60")).JsonAsync();
        var tooLong = await user.Client.GetAsync($"/api/v1/status/{jobId}?wait=61");

        Assert.Equal("queued", accepted.GetProperty("status").GetString());
        Assert.Equal("completed", waited.GetProperty("status").GetString());
        await tooLong.AssertProblemAsync(400, "bad-request");
    }

    [Fact]
    public async Task A_workspace_preset_with_two_outputs_drives_a_conversion_and_the_cache_serves_each_output_it_already_made()
    {
        var user = await portal.ApiUserAsync();
        var preset = await user.Client.PostAsJsonAsync("/api/v1/presets", new
        {
            name = "product",
            description = "Web size and thumbnail",
            outputs = new object[] { new { name = "main", preset = "web" }, new { name = "thumb", preset = "thumbnail" } },
        });
        Assert.Equal(201, (int)preset.StatusCode);

        var first = await (await user.Client.PostAsync("/api/v1/convert", Form(Photo, "p.jpg", ("preset", "product")))).JsonAsync();
        var again = await (await user.Client.PostAsync("/api/v1/convert", Form(Photo, "p.jpg", ("preset", "product")))).JsonAsync();
        var onlyNew = await (await user.Client.PostAsync("/api/v1/convert", Form(Photo, "p.jpg",
            ("outputs", """[ { "name": "main", "preset": "web" }, { "name": "square", "preset": "avatar" } ]""")))).JsonAsync();

        Assert.Equal(["main", "thumb"], first.GetProperty("outputs").EnumerateArray().Select(output => output.GetProperty("name").GetString()));
        Assert.Equal([1200, 300], first.GetProperty("outputs").EnumerateArray().Select(output => output.GetProperty("width").GetInt32()));
        Assert.Equal((2, false), (first.GetProperty("creditsCharged").GetInt32(), first.GetProperty("cached").GetBoolean()));
        Assert.Equal((0, true), (again.GetProperty("creditsCharged").GetInt32(), again.GetProperty("cached").GetBoolean()));
        Assert.Equal([true, false], onlyNew.GetProperty("outputs").EnumerateArray().Select(output => output.GetProperty("cached").GetBoolean()));
        Assert.Equal(1, onlyNew.GetProperty("creditsCharged").GetInt32());
    }

    private async Task AddDestinationAsync(ApiUser user, string name, string? bucket = null)
    {
        var response = await user.Client.PostAsJsonAsync("/api/v1/storage", Setup.Destination(name, bucket));
        Assert.True((int)response.StatusCode == 201, await response.Content.ReadAsStringAsync());
    }
}
