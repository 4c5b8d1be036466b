using Bunit;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Jobs.Uploads;
using static Konvrt.Portal.TestSupport.TestJobs;

namespace Konvrt.Portal.ComponentTests.Features.Jobs;

public sealed class UploadCardTests : PortalComponentTest
{
    private IRenderedComponent<UploadCard> Card(BrowserUpload upload) =>
        Render<UploadCard>(parameters => parameters.Add(card => card.Upload, upload));

    [Fact]
    public void While_uploading_the_card_shows_how_much_of_the_file_has_arrived()
    {
        var upload = new BrowserUpload("pug.heic", 1_000_000) { Phase = UploadPhase.Uploading, UploadedBytes = 400_000 };

        var card = Card(upload);

        Assert.Equal("Uploading 40 %", card.Find("[data-testid=upload-status]").TextContent.Trim());
        Assert.Equal("40", card.Find("[data-testid=upload-progress][role=progressbar]").GetAttribute("aria-valuenow"));
        Assert.Equal("976.6 KB", card.Find("[data-testid=upload-size]").TextContent.Trim());
    }

    [Fact]
    public void Once_uploaded_the_card_says_whether_the_job_waits_or_converts()
    {
        var upload = new BrowserUpload("pug.heic", 1_000_000) { Phase = UploadPhase.Converting };
        var card = Card(upload);
        Assert.Contains("waiting for a converter", card.Find("[data-testid=upload-status]").TextContent);
        Assert.NotNull(card.Find("[data-testid=convert-progress]"));

        upload.Processing = true;
        card.Render();

        Assert.Equal("Converting…", card.Find("[data-testid=upload-status]").TextContent.Trim());
    }

    [Fact]
    public void A_result_is_one_row_with_both_sizes_the_saving_to_one_decimal_the_new_dimensions_and_a_download()
    {
        var job = Job(Guid.NewGuid(), "IMG_0042.jpg", DateTimeOffset.UtcNow, inputBytes: 2_097_152, outputBytes: 167_772);
        var upload = new BrowserUpload("IMG_0042.jpg", job.InputBytes) { Phase = UploadPhase.Completed, Job = job };

        var card = Card(upload);

        Assert.Equal("2 MB → 163.8 KB", card.Find("[data-testid=size-change]").TextContent.Trim());
        Assert.Equal("\u221292.0 %", card.Find("[data-testid=saved-percent]").TextContent.Trim());
        Assert.Equal("92.0 % smaller", card.Find("[data-testid=saved-percent]").GetAttribute("aria-label"));
        Assert.Equal("1200 × 900", card.Find("[data-testid=output-dimensions]").TextContent.Trim());
        var download = card.Find("a[data-testid=download]");
        Assert.Equal($"portal/jobs/{job.Id}/download", download.GetAttribute("href"));
        Assert.Equal("IMG_0042.webp", download.GetAttribute("download"));
        Assert.Equal($"portal/jobs/{job.Id}/preview/input", card.Find(".kv-thumb img").GetAttribute("src"));
        Assert.Empty(card.FindAll("[data-testid=before-after]"));
    }

    [Fact]
    public void Compare_opens_a_split_before_and_after_that_can_show_the_result_at_actual_size()
    {
        var job = Job(Guid.NewGuid(), "IMG_0042.jpg", DateTimeOffset.UtcNow, inputBytes: 2_097_152, outputBytes: 167_772);
        var card = Card(new BrowserUpload("IMG_0042.jpg", job.InputBytes) { Phase = UploadPhase.Completed, Job = job });

        card.Find("[data-testid=compare]").Click();

        Assert.Equal("true", card.Find("[data-testid=compare]").GetAttribute("aria-expanded"));
        Assert.Equal($"portal/jobs/{job.Id}/preview/output", card.Find("[data-testid=after-preview]").GetAttribute("src"));
        Assert.Equal($"portal/jobs/{job.Id}/preview/input", card.Find("[data-testid=before-image]").GetAttribute("src"));
        Assert.Equal("range", card.Find("[data-testid=split-range]").GetAttribute("type"));
        // A JPEG became a WebP: nothing in it can be see-through, so no checkerboard behind it.
        Assert.DoesNotContain("kv-split--alpha", card.Find(".kv-split").ClassName, StringComparison.Ordinal);

        card.Find("input[data-testid=actual-size]").Change(true);

        Assert.Equal("width:1200px;height:900px", card.Find(".kv-split").GetAttribute("style"));
        Assert.Equal($"portal/jobs/{job.Id}/preview/input?size=1200", card.Find("[data-testid=before-image]").GetAttribute("src"));
    }

    [Fact]
    public void An_output_larger_than_its_input_says_so_rather_than_claiming_a_saving()
    {
        var job = Job(Guid.NewGuid(), "tiny.png", DateTimeOffset.UtcNow, inputBytes: 1000, outputBytes: 1120);
        var card = Card(new BrowserUpload("tiny.png", 1000) { Phase = UploadPhase.Completed, Job = job });

        Assert.Equal("+12.0 %", card.Find("[data-testid=saved-percent]").TextContent.Trim());
        Assert.Equal("12.0 % larger", card.Find("[data-testid=saved-percent]").GetAttribute("aria-label"));
    }

    [Fact]
    public void A_refusal_is_explained_in_plain_words_and_a_short_balance_links_to_buying_credits()
    {
        var failed = Job(Guid.NewGuid(), "notes.txt", DateTimeOffset.UtcNow, status: JobStatus.Failed);
        failed.ErrorCode = "unsupported-format";
        var unsupported = Card(new BrowserUpload("notes.txt", 10) { Phase = UploadPhase.Failed, Problem = UploadProblem.ForJob(failed) });
        Assert.StartsWith("Unsupported format.", unsupported.Find("[data-testid=upload-error]").TextContent.Trim());
        Assert.Empty(unsupported.FindAll("[data-testid=buy-credits]"));

        var broke = Card(new BrowserUpload("big.jpg", 10) { Phase = UploadPhase.Failed, Problem = UploadProblem.NotEnoughCredits(new InsufficientCreditsException(3, 1)) });
        Assert.Contains("needs 3 credits and your workspace has 1", broke.Find("[data-testid=upload-error]").TextContent);
        Assert.Equal("billing", broke.Find("[data-testid=buy-credits]").GetAttribute("href"));
    }
}
