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
            From = new DateOnly(2026, 3, 7),
            To = new DateOnly(2026, 3, 8),
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
        var filters = new JobHistoryFilters { Status = JobStatus.Queued, Search = "x", From = new DateOnly(2026, 3, 7) };
        Assert.True(filters.Any);

        filters.Clear();

        Assert.False(filters.Any);
        Assert.Equal(new JobQuery(), filters.ToQuery(Grid(), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Filters_survive_a_round_trip_through_the_address_and_nonsense_in_it_is_ignored()
    {
        var filters = new JobHistoryFilters
        {
            Status = JobStatus.Failed, OutputFormat = "avif", Origin = JobOrigin.Api, Search = "red shoe",
            From = new DateOnly(2026, 3, 7), To = new DateOnly(2026, 3, 8), TestData = true,
        };

        var url = filters.ToUrl("jobs");
        var back = JobHistoryFilters.FromQuery(new Uri(new Uri("https://portal.example/"), url).Query);

        Assert.Equal("jobs?q=red%20shoe&status=failed&format=avif&origin=api&from=2026-03-07&to=2026-03-08&test=true", url);
        Assert.Equivalent(filters, back);
        Assert.Equal("jobs", new JobHistoryFilters().ToUrl("jobs"));
        Assert.False(JobHistoryFilters.FromQuery("?status=lost&from=yesterday&format=bmp&origin=fax").Any);
    }

    [Fact]
    public void A_date_preset_is_whole_local_days_up_to_today()
    {
        var filters = new JobHistoryFilters();

        filters.LastDays(7, new DateOnly(2026, 12, 2));

        Assert.Equal((new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 2)), (filters.From, filters.To));
        filters.LastDays(1, new DateOnly(2026, 12, 2));
        Assert.Equal((new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 2)), (filters.From, filters.To));
    }
}
