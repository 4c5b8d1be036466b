using Bunit;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Jobs.History;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using static Konvrt.Portal.TestSupport.TestJobs;

namespace Konvrt.Portal.ComponentTests.Features.Jobs;

public sealed class JobHistoryPageTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private IDbContextFactory<PortalDbContext> Contexts => Service<IDbContextFactory<PortalDbContext>>();

    private static IReadOnlyList<string> FileNames(IRenderedComponent<JobHistoryPage> page) =>
        [.. page.FindAll("[data-testid=job-grid] tbody tr [data-testid=job-link]").Select(cell => cell.TextContent.Trim())];

    [Fact]
    public void A_new_workspace_is_told_how_to_get_its_first_job()
    {
        var page = Render<JobHistoryPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-jobs]")), Wait);
        Assert.Contains("Convert images", page.Find("[data-testid=no-jobs]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_grid_shows_this_workspace_s_jobs_newest_first_and_none_of_another_s()
    {
        Contexts.Seed(
            Job(WorkspaceId, "older.jpg", Noon),
            Job(WorkspaceId, "newer.jpg", Noon.AddMinutes(5)),
            Job(OtherWorkspaceId(), "someone-else.jpg", Noon.AddMinutes(10)));

        var page = Render<JobHistoryPage>();

        page.WaitForAssertion(() => Assert.Equal(["newer.jpg", "older.jpg"], FileNames(page)), Wait);
    }

    [Fact]
    public void Test_key_jobs_stay_behind_the_test_data_switch_and_alone_show_when_it_is_on()
    {
        Contexts.Seed(Job(WorkspaceId, "live.jpg", Noon), Job(WorkspaceId, "trial.jpg", Noon.AddMinutes(1), test: true));
        var page = Render<JobHistoryPage>();
        page.WaitForAssertion(() => Assert.Equal(["live.jpg"], FileNames(page)), Wait);
        Assert.Empty(page.FindAll("[data-testid=test-data-notice]"));

        page.Find("input[data-testid=test-data]").Change(true);

        page.WaitForAssertion(() => Assert.Equal(["trial.jpg"], FileNames(page)), Wait);
        Assert.Contains("test keys", page.Find("[data-testid=test-data-notice]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Typing_in_search_narrows_the_grid_to_matching_file_names()
    {
        Contexts.Seed(Job(WorkspaceId, "pug.heic", Noon), Job(WorkspaceId, "beach.jpg", Noon.AddMinutes(1)), Job(WorkspaceId, "PUG-2.jpg", Noon.AddMinutes(2)));
        var page = Render<JobHistoryPage>();
        page.WaitForAssertion(() => Assert.Equal(3, FileNames(page).Count), Wait);

        page.Find("input[data-testid=filter-search]").Input("pug");

        page.WaitForAssertion(() => Assert.Equal(["PUG-2.jpg", "pug.heic"], FileNames(page)), Wait);
        Assert.NotNull(page.Find("[data-testid=clear-filters]"));
    }

    [Fact]
    public void A_status_in_the_address_filters_the_grid_and_an_empty_result_says_no_match()
    {
        Contexts.Seed(Job(WorkspaceId, "fine.jpg", Noon), Job(WorkspaceId, "broken.jpg", Noon.AddMinutes(1), status: JobStatus.Failed));
        Service<NavigationManager>().NavigateTo("jobs?status=failed");

        var page = Render<JobHistoryPage>();

        page.WaitForAssertion(() => Assert.Equal(["broken.jpg"], FileNames(page)), Wait);
        page.Find("input[data-testid=filter-search]").Input("fine");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-matches]")), Wait);
        // The address keeps up with the filters, to be shared or gone back to.
        Assert.EndsWith("jobs?q=fine&status=failed", Service<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_job_updates_in_the_grid_when_it_finishes_without_a_reload()
    {
        var job = Job(WorkspaceId, "live.jpg", Noon, status: JobStatus.Processing);
        Contexts.Seed(job);
        var page = Render<JobHistoryPage>();
        page.WaitForAssertion(() => Assert.Equal("Converting", page.Find("[data-testid=job-status]").TextContent.Trim()), Wait);

        await using (var db = await Contexts.CreateDbContextAsync())
        {
            await db.Jobs.Where(row => row.Id == job.Id).ExecuteUpdateAsync(set => set.SetProperty(row => row.Status, JobStatus.Completed));
        }
        await Service<JobEvents>().PublishAsync(new JobChanged(job.Id, WorkspaceId, JobStatus.Completed), CancellationToken.None);

        page.WaitForAssertion(() => Assert.Equal("Converted", page.Find("[data-testid=job-status]").TextContent.Trim()), Wait);
    }

    [Fact]
    public void Clicking_a_row_opens_its_details_with_stages_options_and_actions()
    {
        Contexts.Seed(Job(WorkspaceId, "details.jpg", Noon));
        var dialogs = Render<MudDialogProvider>();
        var page = Render<JobHistoryPage>();
        page.WaitForAssertion(() => Assert.Single(FileNames(page)), Wait);

        page.Find("[data-testid=job-grid] tbody tr").Click();

        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=job-stages]")), Wait);
        var stages = dialogs.FindAll("[data-testid=job-stages] tr").Select(row => row.TextContent).ToList();
        Assert.Equal(6, stages.Count);
        Assert.Contains("Converted", stages[2], StringComparison.Ordinal);
        Assert.Contains("260 ms", stages[2], StringComparison.Ordinal);
        Assert.Contains("Max width", dialogs.Find("[data-testid=job-options]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(dialogs.Find("[data-testid=download-job]"));
        Assert.NotNull(dialogs.Find("[data-testid=delete-job]"));
    }

    [Fact]
    public void The_details_list_every_output_and_where_each_was_stored_or_why_not()
    {
        var job = Job(WorkspaceId, "boot.jpg", Noon, storedIn: "shop");
        job.Outputs.Add(new JobOutput
        {
            JobId = job.Id, Index = 1, Name = "thumb",
            Options = new Konvrt.Portal.Features.Conversion.Options.ConversionOptions { MaxWidth = 300 },
            OptionsNormalized = "format=webp;maxWidth=300",
            Format = "webp", Width = 300, Height = 225, Bytes = 9_000, Blob = BlobKeys.Output(WorkspaceId, job.Id, "thumb", ".webp"),
            StorageKey = "products/boot/thumb.webp", StoreStatus = StoreStatus.Retrying, StoreError = "The bucket 'shop' does not exist at this endpoint.",
            StoreAttempts = 1, StoreNextAttemptAt = Noon.AddMinutes(1),
        });
        Contexts.Seed(job);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<JobHistoryPage>();
        page.WaitForAssertion(() => Assert.Single(FileNames(page)), Wait);

        page.Find("[data-testid=job-grid] tbody tr").Click();

        dialogs.WaitForAssertion(() => Assert.Equal(2, dialogs.FindAll("[data-testid=job-output]").Count), Wait);
        Assert.Equal(["main", "thumb"], dialogs.FindAll("[data-testid=job-output]").Select(output => output.GetAttribute("data-output")));
        var stored = dialogs.FindAll("[data-testid=job-output-stored]").Select(alert => alert.TextContent).ToList();
        Assert.Contains("Stored as products/boot/main.webp in shop", stored[0], StringComparison.Ordinal);
        Assert.Contains("Not yet stored as products/boot/thumb.webp", stored[1], StringComparison.Ordinal);
        Assert.Contains("does not exist", stored[1], StringComparison.Ordinal);
        Assert.EndsWith("/download/thumb", dialogs.FindAll("a[data-testid=download-output]")[1].GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("shop", dialogs.Find("[data-testid=job-storage]").TextContent, StringComparison.Ordinal);
    }
}
