using Bunit;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Jobs.Uploads;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.ComponentTests.Features.Jobs;

/// <summary>The Convert page over the real engine, blob store, job queue and workers.</summary>
public sealed class ConvertPageTests : PortalComponentTest
{
    // Generous: a cold first decode on a busy CI machine takes seconds, and a wait ends as soon as it passes.
    private static readonly TimeSpan ConversionTime = TimeSpan.FromSeconds(90);

    private static InputFileContent File(string testImage) =>
        InputFileContent.CreateFromBinary(System.IO.File.ReadAllBytes(TestImage(testImage)), testImage);

    private static IReadOnlyList<(string Name, string Phase)> Cards(IRenderedComponent<ConvertPage> page) =>
        [.. page.FindAll("[data-testid=upload-card]").Select(card =>
            (card.QuerySelector("[data-testid=upload-name]")!.TextContent.Trim(), card.GetAttribute("data-phase")!))];

    private List<ConversionJob> StoredJobs()
    {
        using var db = Service<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        return [.. db.Jobs.AsNoTracking().OrderBy(job => job.SourceFileName)];
    }

    [Fact]
    public async Task Dropped_files_are_listed_with_their_progress_then_each_becomes_a_result_or_a_plain_error()
    {
        var page = Render<ConvertPage>();

        page.FindComponent<InputFile>().UploadFiles(
            File("photo3_iphone6_3264x2448.jpg"),
            File("alpha_paper_2048x1536.png"),
            InputFileContent.CreateFromText("just some notes", "notes.txt"));

        // No worker runs yet: uploaded images wait in the queue, the text file is refused at once.
        page.WaitForAssertion(() => Assert.Equal(
            [("photo3_iphone6_3264x2448.jpg", "converting"), ("alpha_paper_2048x1536.png", "converting"), ("notes.txt", "failed")],
            Cards(page)), ConversionTime);
        Assert.Equal(2, page.FindAll("[data-testid=convert-progress]").Count);
        Assert.StartsWith("Unsupported format.", page.Find("[data-testid=upload-error]").TextContent.Trim());
        Assert.True(page.Find("[data-testid=download-all]").HasAttribute("disabled") || page.Find("[data-testid=download-all]").ClassList.Contains("mud-button-disabled"));

        await StartJobWorkersAsync();

        page.WaitForAssertion(() => Assert.Equal(2, Cards(page).Count(card => card.Phase == "completed")), ConversionTime);
        Assert.Equal(["1200 × 900", "1200 × 900"], page.FindAll("[data-testid=output-dimensions]").Select(size => size.TextContent.Trim()));
        var jobs = StoredJobs();
        Assert.All(jobs, job => Assert.Equal(JobOrigin.Browser, job.Origin));
        Assert.Equal([("webp", 1200), ("webp", 1200)], jobs.Where(job => job.Status == JobStatus.Completed).Select(job => (job.Main.Format, job.Main.Width ?? 0)));
        var downloadAll = page.Find("a[data-testid=download-all]").GetAttribute("href")!;
        Assert.All(jobs.Where(job => job.Status == JobStatus.Completed), job => Assert.Contains($"id={job.Id}", downloadAll, StringComparison.Ordinal));
        Assert.Contains("2 converted · 1 failed", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_avatar_preset_crops_to_a_200_pixel_square()
    {
        await StartJobWorkersAsync();
        var page = Render<ConvertPage>();

        page.Find("[data-testid=preset-avatar]").Click();
        Assert.Contains("200 × 200", page.Find("[data-testid=preset-description]").TextContent, StringComparison.Ordinal);
        page.FindComponent<InputFile>().UploadFiles(File("photo2_nokia83_4608x1976.jpg"));

        page.WaitForAssertion(() => Assert.Equal("completed", Cards(page).Single().Phase), ConversionTime);
        Assert.Equal("200 × 200", page.Find("[data-testid=output-dimensions]").TextContent.Trim());
    }

    [Fact]
    public async Task A_workspace_preset_of_two_outputs_is_offered_and_each_output_is_shown_with_its_download()
    {
        await Service<Konvrt.Portal.Features.Presets.PresetStore>().SaveAsync(WorkspaceId, AuditActor.Administrator, null, new Konvrt.Portal.Features.Presets.PresetRequest(
            "product", "Product page and thumbnail", null,
            [
                new Dictionary<string, System.Text.Json.JsonElement> { ["name"] = Json("main"), ["preset"] = Json("web") },
                new Dictionary<string, System.Text.Json.JsonElement> { ["name"] = Json("thumb"), ["preset"] = Json("thumbnail") },
            ]), replace: false, CancellationToken.None);
        await StartJobWorkersAsync();
        var page = Render<ConvertPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=preset-product]").Click(), ConversionTime);
        Assert.Contains("Product page and thumbnail", page.Find("[data-testid=preset-description]").TextContent, StringComparison.Ordinal);
        page.FindComponent<InputFile>().UploadFiles(File("photo3_iphone6_3264x2448.jpg"));

        page.WaitForAssertion(() => Assert.Equal("completed", Cards(page).Single().Phase), ConversionTime);
        Assert.Equal("1200 × 900", page.Find("[data-testid=output-dimensions]").TextContent.Trim());
        var thumb = page.Find("[data-testid=extra-output]");
        Assert.Equal("thumb", thumb.GetAttribute("data-output"));
        Assert.Contains("300 × 225", thumb.TextContent, StringComparison.Ordinal);
        Assert.EndsWith("/download/thumb", thumb.QuerySelector("a[data-testid=download-output]")!.GetAttribute("href"), StringComparison.Ordinal);
        var job = StoredJobs().Single();
        Assert.Equal(["main", "thumb"], job.Outputs.OrderBy(output => output.Index).Select(output => output.Name));
        Assert.Equal(2, job.CreditsCharged);
    }

    [Fact]
    public void A_pasted_address_inside_the_network_becomes_a_card_that_says_why_it_is_not_fetched()
    {
        var page = Render<ConvertPage>();

        page.Find("textarea[data-testid=url-input]").Change("http://169.254.169.254/latest/meta-data/photo.jpg");
        page.Find("[data-testid=fetch-urls]").Click();

        page.WaitForAssertion(() => Assert.Equal([("photo.jpg", "failed")], Cards(page)), ConversionTime);
        Assert.Contains("private or local", page.Find("[data-testid=upload-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(StoredJobs());
    }

    private static System.Text.Json.JsonElement Json(string value) => System.Text.Json.JsonSerializer.SerializeToElement(value);

    [Fact]
    public async Task The_same_files_convert_again_with_other_options_from_the_kept_originals_without_a_new_upload()
    {
        await StartJobWorkersAsync();
        var page = Render<ConvertPage>();
        page.FindComponent<InputFile>().UploadFiles(File("photo3_iphone6_3264x2448.jpg"));
        page.WaitForAssertion(() => Assert.Equal("completed", Cards(page).Single().Phase), ConversionTime);

        page.Find("[data-testid=preset-thumbnail]").Click();
        page.Find("[data-testid=rerun]").Click();

        page.WaitForAssertion(() => Assert.Equal(["completed", "completed"], Cards(page).Select(card => card.Phase)), ConversionTime);
        Assert.Equal(["300 × 225", "1200 × 900"], page.FindAll("[data-testid=output-dimensions]").Select(size => size.TextContent.Trim()));
        var jobs = StoredJobs();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, job => Assert.Equal("photo3_iphone6_3264x2448.jpg", job.SourceFileName));
        // Both read the very same original bytes.
        Assert.Single(jobs.Select(job => job.InputSha256).Distinct());
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_uploaded_and_nothing_is_kept()
    {
        Services.Configure<ConversionLimits>(limits => limits.MaxInputBytes = 100_000);
        var page = Render<ConvertPage>();

        page.FindComponent<InputFile>().UploadFiles(File("photo3_iphone6_3264x2448.jpg"));

        page.WaitForAssertion(() => Assert.Equal("failed", Cards(page).Single().Phase), ConversionTime);
        Assert.StartsWith("File too large.", page.Find("[data-testid=upload-error]").TextContent.Trim());
        Assert.Empty(StoredJobs());
    }

    [Fact]
    public void A_workspace_that_cannot_pay_is_told_so_and_offered_credits()
    {
        Services.AddSingleton<IJobCharges>(new EmptyBalance());
        var page = Render<ConvertPage>();

        page.FindComponent<InputFile>().UploadFiles(File("photo3_iphone6_3264x2448.jpg"));

        page.WaitForAssertion(() => Assert.Equal("failed", Cards(page).Single().Phase), ConversionTime);
        Assert.StartsWith("Not enough credits.", page.Find("[data-testid=upload-error]").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=buy-credits]"));
        Assert.Empty(StoredJobs());
    }

    /// <summary>
    /// A workspace with no credits. Billing (issue 7) brings the real ledger; this stands in for its refusal
    /// only, so the page's handling of it is tested now.
    /// </summary>
    private sealed class EmptyBalance : IJobCharges
    {
        public int CostOf(long inputBytes) => 1;

        public Task<int> ReserveAsync(PortalDbContext db, IReadOnlyList<JobCharge> charges, CancellationToken cancellationToken) =>
            throw new InsufficientCreditsException(charges.Sum(charge => charge.Credits), 0);

        public Task RefundAsync(PortalDbContext db, JobCharge charge, string reason, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int> BalanceAsync(Guid workspaceId, CancellationToken cancellationToken) => Task.FromResult(0);

        public bool IsLow(int balance) => true;
    }
}
