using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Jobs.History;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Konvrt.Portal.TestSupport.TestJobs;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

/// <summary>The query behind the job history grid, over the real SQLite file.</summary>
public sealed class JobHistoryTests(PortalFactory<WithoutWorkers> portal) : IClassFixture<PortalFactory<WithoutWorkers>>
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private JobHistory History => portal.Services.GetRequiredService<JobHistory>();

    private async Task<IReadOnlyList<string>> NamesAsync(Guid workspace, JobQuery query) =>
        [.. (await History.QueryAsync(workspace, query, CancellationToken.None)).Items.Select(job => job.SourceFileName)];

    [Fact]
    public async Task Pages_cover_every_job_once_newest_first_with_the_total_of_all()
    {
        var workspace = await portal.CreateWorkspaceAsync();
        // Two jobs share each second, so the order must break ties to keep pages apart.
        await portal.SeedAsync([.. Enumerable.Range(0, 23).Select(i => Job(workspace, $"photo-{i:00}.jpg", Noon.AddSeconds(i / 2)))]);

        var pages = new List<JobPage>();
        for (var page = 0; page < 3; page++)
        {
            pages.Add(await History.QueryAsync(workspace, new JobQuery { Page = page, PageSize = 10 }, CancellationToken.None));
        }

        Assert.All(pages, page => Assert.Equal(23, page.Total));
        Assert.Equal([10, 10, 3], pages.Select(page => page.Items.Count));
        var seen = pages.SelectMany(page => page.Items).ToList();
        Assert.Equal(23, seen.Select(job => job.Id).Distinct().Count());
        Assert.Equal(seen.Select(job => job.CreatedAt).OrderByDescending(at => at), seen.Select(job => job.CreatedAt));
    }

    [Fact]
    public async Task Each_filter_narrows_to_the_jobs_that_match_it()
    {
        var workspace = await portal.CreateWorkspaceAsync();
        await portal.SeedAsync(
            Job(workspace, "api-webp.jpg", Noon, outputFormat: "webp", origin: JobOrigin.Api),
            Job(workspace, "browser-png.jpg", Noon.AddHours(-30), outputFormat: "png", origin: JobOrigin.Browser),
            Job(workspace, "broken.jpg", Noon.AddDays(-3), status: JobStatus.Failed, origin: JobOrigin.Browser),
            Job(workspace, "waiting.jpg", Noon.AddMinutes(5), status: JobStatus.Queued));

        Assert.Equal(["broken.jpg"], await NamesAsync(workspace, new JobQuery { Status = JobStatus.Failed }));
        Assert.Equal(["browser-png.jpg"], await NamesAsync(workspace, new JobQuery { OutputFormat = "PNG" }));
        Assert.Equal(["browser-png.jpg", "broken.jpg"], await NamesAsync(workspace, new JobQuery { Origin = JobOrigin.Browser }));
        Assert.Equal(["waiting.jpg", "api-webp.jpg"], await NamesAsync(workspace, new JobQuery { From = Noon.AddHours(-1), To = Noon.AddHours(1) }));
        Assert.Equal(["browser-png.jpg"], await NamesAsync(workspace, new JobQuery { Origin = JobOrigin.Browser, Status = JobStatus.Completed }));
    }

    [Fact]
    public async Task The_date_range_includes_its_start_and_excludes_its_end()
    {
        var workspace = await portal.CreateWorkspaceAsync();
        await portal.SeedAsync(Job(workspace, "at-start.jpg", Noon), Job(workspace, "at-end.jpg", Noon.AddDays(1)));

        Assert.Equal(["at-start.jpg"], await NamesAsync(workspace, new JobQuery { From = Noon, To = Noon.AddDays(1) }));
    }

    [Fact]
    public async Task Search_matches_part_of_a_file_name_in_any_case_and_treats_wildcards_as_text()
    {
        var workspace = await portal.CreateWorkspaceAsync();
        await portal.SeedAsync(
            Job(workspace, "Holiday_Beach.JPG", Noon),
            Job(workspace, "holidayXbeach.jpg", Noon.AddMinutes(1)),
            Job(workspace, "100% done.png", Noon.AddMinutes(2)),
            Job(workspace, "1000 done.png", Noon.AddMinutes(3)));

        Assert.Equal(["holidayXbeach.jpg", "Holiday_Beach.JPG"], await NamesAsync(workspace, new JobQuery { Search = "holiday" }));
        Assert.Equal(["Holiday_Beach.JPG"], await NamesAsync(workspace, new JobQuery { Search = "y_b" }));
        Assert.Equal(["100% done.png"], await NamesAsync(workspace, new JobQuery { Search = "0% " }));
    }

    [Fact]
    public async Task Sorting_by_a_column_orders_the_whole_result_before_paging()
    {
        var workspace = await portal.CreateWorkspaceAsync();
        await portal.SeedAsync(
            Job(workspace, "b.jpg", Noon, inputBytes: 300),
            Job(workspace, "a.jpg", Noon.AddMinutes(1), inputBytes: 100),
            Job(workspace, "c.jpg", Noon.AddMinutes(2), inputBytes: 200));

        Assert.Equal(["a.jpg", "b.jpg"], await NamesAsync(workspace, new JobQuery { SortBy = JobSortColumn.FileName, Descending = false, PageSize = 2 }));
        Assert.Equal(["b.jpg", "c.jpg"], await NamesAsync(workspace, new JobQuery { SortBy = JobSortColumn.InputBytes, Descending = true, PageSize = 2 }));
        Assert.Equal(["b.jpg"], await NamesAsync(workspace, new JobQuery { SortBy = JobSortColumn.CreatedAt, Descending = false, PageSize = 1 }));
    }

    [Fact]
    public async Task Another_workspace_s_jobs_never_appear_whatever_the_filters()
    {
        var mine = await portal.CreateWorkspaceAsync();
        var theirs = await portal.CreateWorkspaceAsync();
        await portal.SeedAsync(Job(mine, "mine.jpg", Noon), Job(theirs, "theirs.jpg", Noon), Job(theirs, "theirs-too.jpg", Noon));

        var page = await History.QueryAsync(mine, new JobQuery { Search = "theirs" }, CancellationToken.None);
        Assert.Equal((0, 0), (page.Total, page.Items.Count));
        Assert.Equal(["mine.jpg"], await NamesAsync(mine, new JobQuery()));
    }
}
