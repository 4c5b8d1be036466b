using System.IO.Compression;
using System.Net;
using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Storage;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

/// <summary>The portal's downloads, previews and zip: signed-in users only, and only their own workspace's jobs.</summary>
public sealed class PortalJobFilesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Password = "portal files password";

    private async Task<(PortalBrowser Browser, Guid WorkspaceId)> SignedInAsync()
    {
        var email = $"files-{Guid.NewGuid():N}@example.com";
        string userId;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var (result, user) = await scope.ServiceProvider.GetRequiredService<AccountLifecycle>().RegisterAsync(email, Password, emailConfirmed: true);
            Assert.True(result.Succeeded);
            userId = user.Id;
        }
        var browser = portal.NewBrowser();
        var landed = await browser.LogInAsync(email, Password);
        Assert.Equal("/dashboard", landed.Path);
        var caller = await portal.Services.GetRequiredService<WorkspaceDirectory>().FindCallerAsync(userId);
        return (browser, caller!.WorkspaceId);
    }

    private async Task<ConversionJob> ConvertedAsync(Guid workspaceId, byte[] image, string name, params (string, string)[] options)
    {
        var job = await portal.SubmitAsync(workspaceId, image, Options(options.Length > 0 ? options : [("format", "webp")]), name);
        return await portal.FinishedAsync(job.Id);
    }

    private async Task<byte[]> OutputOfAsync(ConversionJob job)
    {
        await using var blob = await portal.Services.GetRequiredService<IBlobStore>().OpenReadAsync(job.Main.Blob!, CancellationToken.None);
        using var copy = new MemoryStream();
        await blob!.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Without_signing_in_every_file_route_sends_the_visitor_to_log_in()
    {
        var workspace = await portal.CreateWorkspaceAsync();
        var job = await ConvertedAsync(workspace, SmallJpeg(10), "a.jpg");
        using var anonymous = portal.NewClientWithoutRedirects();

        foreach (var url in new[] { PortalJobFiles.DownloadUrl(job.Id), PortalJobFiles.PreviewUrl(job.Id, output: false), PortalJobFiles.ZipUrl([job.Id]) })
        {
            using var response = await anonymous.GetAsync("/" + url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_signed_in_user_downloads_their_output_under_its_original_name()
    {
        var (browser, workspace) = await SignedInAsync();
        var job = await ConvertedAsync(workspace, SmallJpeg(20), "Holiday photo.jpg");

        using var response = await browser.Client.GetAsync("/" + PortalJobFiles.DownloadUrl(job.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Holiday photo.webp", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(await OutputOfAsync(job), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Another_workspace_s_job_is_not_found_by_any_route()
    {
        var (browser, _) = await SignedInAsync();
        var theirs = await portal.CreateWorkspaceAsync();
        var job = await ConvertedAsync(theirs, SmallJpeg(30), "theirs.jpg");

        foreach (var url in new[] { PortalJobFiles.DownloadUrl(job.Id), PortalJobFiles.PreviewUrl(job.Id, output: true), PortalJobFiles.PreviewUrl(job.Id, output: false), PortalJobFiles.ZipUrl([job.Id]) })
        {
            using var response = await browser.Client.GetAsync("/" + url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_input_preview_of_a_heic_is_a_small_webp_the_browser_can_show()
    {
        var (browser, workspace) = await SignedInAsync();
        var heic = await File.ReadAllBytesAsync(TestImage("heic1_iphone13pro_pug_4032x3024.heic"));
        var job = await ConvertedAsync(workspace, heic, "pug.heic", ("format", "jpeg"), ("maxWidth", "300"));

        using var response = await browser.Client.GetAsync("/" + PortalJobFiles.PreviewUrl(job.Id, output: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        var info = Image.Identify(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("WEBP", info.Metadata.DecodedImageFormat?.Name);
        Assert.Equal((640, 480), (info.Width, info.Height));
    }

    [Fact]
    public async Task Download_all_zips_the_completed_outputs_with_unique_names_and_leaves_out_the_rest()
    {
        var (browser, workspace) = await SignedInAsync();
        var first = await ConvertedAsync(workspace, SmallJpeg(40), "photo.jpg");
        var second = await ConvertedAsync(workspace, SmallJpeg(41), "photo.jpg", ("format", "png"));
        var third = await ConvertedAsync(workspace, SmallJpeg(42), "photo.jpg");
        var failed = await portal.SubmitAsync(workspace, "not an image"u8.ToArray(), Options(("format", "webp")), "notes.txt");
        var foreign = await ConvertedAsync(await portal.CreateWorkspaceAsync(), SmallJpeg(43), "foreign.jpg");

        using var response = await browser.Client.GetAsync("/" + PortalJobFiles.ZipUrl([first.Id, second.Id, third.Id, failed.Id, foreign.Id]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        await using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["photo.webp", "photo.png", "photo (2).webp"], zip.Entries.Select(entry => entry.FullName));
        foreach (var (entry, job) in zip.Entries.Zip([first, second, third]))
        {
            await using var content = await entry.OpenAsync();
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(await OutputOfAsync(job), copy.ToArray());
        }
    }
}
