using System.Net;
using Konvrt.Client;
using Konvrt.Portal.ClientTests.Support;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;

namespace Konvrt.Portal.ClientTests.DotNet;

[Collection(OnePortal.Name)]
public sealed class KonvrtClientTests(ClientPortal portal)
{
    private KonvrtClient Client(string? key = null) =>
        KonvrtClient.Create(new KonvrtClientOptions { BaseAddress = new Uri(portal.BaseUrl), ApiKey = key ?? portal.ApiKey });

    [Fact]
    public async Task A_file_converts_in_the_request_and_its_output_downloads_as_a_stream()
    {
        var client = Client();

        var job = await client.ConvertAsync(ConvertSource.FromFile(ClientPortal.TestImage("photo3_iphone6_3264x2448.jpg")),
            new ConvertOptions { Format = "webp", Quality = "80", MaxWidth = 800 });
        await using var download = await client.DownloadAsync(job.JobId);
        var image = await Image.IdentifyAsync(download.Content);

        Assert.True(job.IsCompleted, job.Status);
        Assert.Equal("photo3_iphone6_3264x2448.jpg", job.Input.FileName);
        Assert.Equal("image/webp", download.ContentType);
        Assert.Equal(("WEBP", 800), (image.Metadata.DecodedImageFormat?.Name, image.Width));
        Assert.True(job.CreditsCharged >= 1);
    }

    [Fact]
    public async Task An_async_conversion_from_a_stream_is_waited_for_until_it_completes()
    {
        var client = Client();
        await using var photo = File.OpenRead(ClientPortal.TestImage("heic1_iphone13pro_pug_4032x3024.heic"));

        var queued = await client.ConvertAsync(ConvertSource.FromStream(photo, "pug.heic"), new ConvertOptions { Format = "jpeg", Async = true });
        var done = await client.WaitForJobAsync(queued.JobId, TimeSpan.FromMinutes(2));

        Assert.False(queued.IsFinished, $"an async conversion answers at once, not {queued.Status}");
        Assert.NotNull(queued.StatusUrl);
        Assert.True(done.IsCompleted, done.Error?.Message);
        Assert.Equal("jpeg", done.Outputs.Single().Format);
    }

    [Fact]
    public async Task A_url_with_two_named_outputs_makes_both_and_each_downloads_by_name()
    {
        var client = Client();
        await using var files = new LoopbackFiles();

        var job = await client.ConvertAsync(ConvertSource.FromUrl(files.Image("photo2_nokia83_4608x1976.jpg")), new ConvertOptions
        {
            Outputs = [new ConvertOutput("web") { Format = "webp", MaxWidth = 1200 }, new ConvertOutput("thumb") { Format = "jpeg", Width = 200, Height = 200, Fit = "cover" }],
        });
        job = job.IsFinished ? job : await client.WaitForJobAsync(job.JobId);
        await using var thumb = await client.DownloadAsync(job.JobId, "thumb");
        var image = await Image.IdentifyAsync(thumb.Content);

        Assert.True(job.IsCompleted, job.Error?.Message);
        Assert.Equal(["web", "thumb"], job.Outputs.Select(output => output.Name));
        Assert.Equal(1200, job.Outputs[0].Width);
        Assert.Equal((200, 200), (image.Width, image.Height));
    }

    [Fact]
    public async Task Jobs_are_listed_newest_first_across_pages_as_they_are_enumerated()
    {
        var key = await portal.NewKeyAsync("pro");
        var client = Client(key);
        var made = new List<Guid>();
        foreach (var size in new[] { 100, 200, 300 })
        {
            made.Add((await client.ConvertAsync(ConvertSource.FromFile(ClientPortal.TestImage("photo3_iphone6_3264x2448.jpg")),
                new ConvertOptions { Format = "png", Width = size })).JobId);
        }

        var listed = new List<Guid>();
        await foreach (var job in client.ListJobsAsync(new KonvrtJobFilter(PageSize: 2)))
        {
            listed.Add(job.JobId);
        }

        Assert.Equal(made.AsEnumerable().Reverse(), listed);
    }

    [Fact]
    public async Task Webhook_endpoints_are_created_listed_changed_rotated_and_deleted()
    {
        var client = Client(await portal.NewKeyAsync("pro"));

        var created = await client.CreateWebhookAsync(new Uri("http://127.0.0.1:9/konvrt-hook"), ["job.completed"], "shop");
        var changed = await client.UpdateWebhookAsync(created.Endpoint.Id, new KonvrtWebhookChanges(Description: "shop (images)"));
        var rotated = await client.RotateWebhookSecretAsync(created.Endpoint.Id);
        var listed = await client.ListWebhooksAsync();
        await client.DeleteWebhookAsync(created.Endpoint.Id);
        var gone = await Assert.ThrowsAsync<KonvrtApiException>(() => client.GetWebhookAsync(created.Endpoint.Id));

        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        Assert.Equal(["job.completed"], created.Endpoint.Events);
        Assert.Equal("shop (images)", changed.Description);
        Assert.NotEqual(created.Secret, rotated.Secret);
        Assert.NotNull(rotated.Endpoint.PreviousSecretExpiresAt);
        Assert.Equal(created.Endpoint.Id, Assert.Single(listed).Id);
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (gone.Status, gone.ProblemType));
        Assert.False(string.IsNullOrEmpty(gone.TraceId));
    }

    [Fact]
    public async Task A_preset_of_two_outputs_is_saved_used_by_name_replaced_and_deleted()
    {
        var client = Client(await portal.NewKeyAsync("pro"));

        var saved = await client.CreatePresetAsync("product", [new ConvertOutput("main") { Format = "webp", MaxWidth = 1000 }, new ConvertOutput("thumb") { Format = "jpeg", Width = 150 }]);
        var job = await client.ConvertAsync(ConvertSource.FromFile(ClientPortal.TestImage("photo3_iphone6_3264x2448.jpg")), new ConvertOptions { Preset = "product" });
        var replaced = await client.ReplacePresetAsync("product", [new ConvertOutput("main") { Format = "avif", MaxWidth = 500 }], "one size");
        var listed = await client.ListPresetsAsync();
        await client.DeletePresetAsync("product");
        var gone = await Assert.ThrowsAsync<KonvrtApiException>(() => client.GetPresetAsync("product"));

        Assert.False(saved.BuiltIn);
        Assert.Equal([("main", 1000), ("thumb", 150)], job.Outputs.Select(output => (output.Name, output.Width ?? 0)));
        Assert.Equal(("one size", 1), (replaced.Description, replaced.Outputs.Count));
        Assert.Contains(listed, preset => preset.Name == "web" && preset.BuiltIn);
        Assert.Equal("not-found", gone.ProblemType);
    }

    [Fact]
    public async Task A_refusal_is_an_exception_carrying_the_problem_and_each_fields_error()
    {
        var client = Client();

        var refusal = await Assert.ThrowsAsync<KonvrtApiException>(() => client.ConvertAsync(
            ConvertSource.FromFile(ClientPortal.TestImage("photo3_iphone6_3264x2448.jpg")), new ConvertOptions { Format = "webp", Quality = "500" }));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.Status);
        Assert.Equal("invalid-options", refusal.ProblemType);
        Assert.Contains("quality", refusal.Errors.Keys);
        Assert.Equal("/problems/invalid-options", refusal.Problem.Type);
    }

    [Fact]
    public async Task The_client_comes_from_IHttpClientFactory_with_AddKonvrtClient()
    {
        var services = new ServiceCollection();
        services.AddKonvrtClient(options =>
        {
            options.BaseAddress = new Uri(portal.BaseUrl);
            options.ApiKey = portal.ApiKey;
        });
        await using var provider = services.BuildServiceProvider();

        var account = await provider.GetRequiredService<KonvrtClient>().GetAccountAsync();

        Assert.Equal("pro", account.Plan);
        Assert.True(account.RateLimit.RequestsPerMinute > 0);
    }
}
