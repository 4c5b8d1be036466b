using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Jobs.History;
using MudBlazor;

namespace Konvrt.Portal.UnitTests.Features.Jobs;

public sealed class JobHistoryFiltersTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static GridState<ConversionJob> Grid(int page = 0, int pageSize = 25, params SortDefinition<ConversionJob>[] sorts) => new()
    {
        Page = page,
        PageSize = pageSize,
        SortDefinitions = [.. sorts],
    };

    [Fact]
    public void Without_filters_or_sorting_the_query_asks_for_the_newest_jobs_of_the_grid_s_page()
    {
        var query = new JobHistoryFilters().ToQuery(Grid(page: 2, pageSize: 50), TimeZoneInfo.Utc);

        Assert.Equal(new JobQuery { Page = 2, PageSize = 50, SortBy = JobSortColumn.CreatedAt, Descending = true }, query);
    }

    [Fact]
    public void Every_filter_reaches_the_query_and_local_days_become_instants_in_the_user_s_zone()
    {
        var filters = new JobHistoryFilters
        {
            Status = JobStatus.Failed,
            OutputFormat = "avif",
            Origin = JobOrigin.Api,
            Dates = new DateRange(new DateTime(2026, 3, 7), new DateTime(2026, 3, 8)),
            Search = "  pug ",
        };

        var query = filters.ToQuery(Grid(), NewYork);

        Assert.Equal((JobStatus.Failed, "avif", JobOrigin.Api, "pug"), (query.Status, query.OutputFormat, query.Origin, query.Search));
        // New York is UTC-5 on 7 March and UTC-4 from 8 March 2026: the range is both whole local days.
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.FromHours(-5)), query.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.FromHours(-4)), query.To);
    }

    [Theory]
    [InlineData(nameof(ConversionJob.SourceFileName), JobSortColumn.FileName)]
    [InlineData(nameof(ConversionJob.InputBytes), JobSortColumn.InputBytes)]
    [InlineData(nameof(ConversionJob.MainOutputBytes), JobSortColumn.OutputBytes)]
    [InlineData(nameof(ConversionJob.Status), JobSortColumn.Status)]
    [InlineData(nameof(ConversionJob.CreatedAt), JobSortColumn.CreatedAt)]
    public void A_sorted_column_becomes_the_query_s_order(string property, JobSortColumn column)
    {
        var query = new JobHistoryFilters().ToQuery(Grid(sorts: new SortDefinition<ConversionJob>(property, Descending: false, Index: 0, SortFunc: job => job.CreatedAt)), TimeZoneInfo.Utc);

        Assert.Equal((column, false), (query.SortBy, query.Descending));
    }

    [Fact]
    public void Clearing_forgets_every_filter()
    {
        var filters = new JobHistoryFilters { Status = JobStatus.Queued, Search = "x", Dates = new DateRange(DateTime.Today, null) };
        Assert.True(filters.Any);

        filters.Clear();

        Assert.False(filters.Any);
        Assert.Equal(new JobQuery(), filters.ToQuery(Grid(), TimeZoneInfo.Utc));
    }
}
