using System.Net;
using Konvrt.Portal.Infrastructure.Storage;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Konvrt.Portal.TestSupport;
using SixLabors.ImageSharp;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

/// <summary><c>Storage:Provider=S3</c>: the portal keeps uploads and outputs in one bucket of an S3-protocol server.</summary>
public sealed class WithPortalBucket : PortalSetup
{
    public const string Bucket = "konvrt-data";

    public S3Server S3 { get; private set; } = default!;

    public bool Presign { get; init; }

    public override async Task StartAsync() => S3 = await S3Server.StartAsync(Bucket);

    public override IReadOnlyDictionary<string, string> Settings => S3.PortalStorage(Bucket, Presign);

    protected override ValueTask StopAsync() => S3.DisposeAsync();
}

public sealed class WithPresignedPortalBucket : PortalSetup
{
    private readonly WithPortalBucket bucket = new() { Presign = true };

    public S3Server S3 => bucket.S3;

    public override Task StartAsync() => bucket.StartAsync();

    public override IReadOnlyDictionary<string, string> Settings => bucket.Settings;

    protected override ValueTask StopAsync() => bucket.DisposeAsync();
}

public sealed class S3StorageTests(PortalFactory<WithPortalBucket> portal) : IClassFixture<PortalFactory<WithPortalBucket>>
{
    private static readonly byte[] Photo = File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg"));

    [Fact]
    public async Task Uploads_and_outputs_live_in_the_bucket_and_downloads_stream_from_it_through_the_portal()
    {
        var user = await portal.ApiUserAsync();

        var answer = await (await user.Client.PostAsync("/api/v1/convert", Form(Photo, "shoe.jpg", ("format", "webp"), ("maxWidth", "400")))).JsonAsync();

        var jobId = answer.GetProperty("jobId").GetGuid();
        Assert.Equal("completed", answer.GetProperty("status").GetString());
        var keys = await portal.Setup.S3.KeysAsync(WithPortalBucket.Bucket, $"{user.WorkspaceId:N}/");
        Assert.Contains($"{user.WorkspaceId:N}/inputs/{jobId:N}", keys);
        Assert.Contains(keys, key => key.StartsWith($"{user.WorkspaceId:N}/outputs/{jobId:N}", StringComparison.Ordinal) && key.EndsWith(".webp", StringComparison.Ordinal));
        Assert.False(Directory.Exists(portal.Paths.Blobs) && Directory.EnumerateFiles(portal.Paths.Blobs, "*", SearchOption.AllDirectories).Any());

        var download = await user.Client.GetAsync($"/api/v1/download/{jobId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(400, Image.Identify(await download.Content.ReadAsByteArrayAsync()).Width);

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync($"/api/v1/jobs/{jobId}")).StatusCode);
        Assert.Empty(await portal.Setup.S3.KeysAsync(WithPortalBucket.Bucket, $"{user.WorkspaceId:N}/"));
    }

    [Fact]
    public async Task The_bucket_is_measured_by_listing_it_page_by_page_and_says_when_it_stopped_short()
    {
        var blobs = portal.Services.GetRequiredService<IBlobStore>();
        var prefix = $"measure-{Guid.NewGuid():N}";
        var before = await blobs.MeasureAsync(100_000, CancellationToken.None);
        // More than one page of a listing (s3rver, like S3, answers a thousand keys a page).
        await Parallel.ForEachAsync(Enumerable.Range(0, 1005), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
            await blobs.WriteAsync($"{prefix}/{n}", (stream, write) => stream.WriteAsync(new byte[3], write).AsTask(), ct));

        var after = await blobs.MeasureAsync(100_000, CancellationToken.None);
        Assert.Equal(new StoreSize(before.Bytes + 3 * 1005, before.Blobs + 1005, Complete: true), after);
        var short_ = await blobs.MeasureAsync(500, CancellationToken.None);
        Assert.False(short_.Complete);
        Assert.Equal(1000, short_.Blobs);
    }
}

public sealed class PresignedDownloadTests(PortalFactory<WithPresignedPortalBucket> portal) : IClassFixture<PortalFactory<WithPresignedPortalBucket>>
{
    [Fact]
    public async Task With_presigned_downloads_the_api_redirects_to_the_bucket_which_serves_the_file_under_its_name()
    {
        var user = await portal.ApiUserAsync();
        var answer = await (await user.Client.PostAsync("/api/v1/convert",
            Form(File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg")), "shoe.jpg", ("format", "png"), ("maxWidth", "120")))).JsonAsync();
        var jobId = answer.GetProperty("jobId").GetGuid();

        using var noRedirects = portal.NewClientWithoutRedirects();
        noRedirects.DefaultRequestHeaders.Authorization = user.Client.DefaultRequestHeaders.Authorization;
        var redirect = await noRedirects.GetAsync($"/api/v1/download/{jobId}");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.StartsWith(portal.Setup.S3.Endpoint, location.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=", location.Query, StringComparison.Ordinal);
        // The bucket serves it to whoever holds the URL, without the API key.
        using var anyone = new HttpClient();
        var file = await anyone.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("image/png", file.Content.Headers.ContentType?.MediaType);
        Assert.Contains("shoe.png", file.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        Assert.Equal(120, Image.Identify(await file.Content.ReadAsByteArrayAsync()).Width);
    }
}
