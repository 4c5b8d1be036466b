using MudBlazor;

namespace Konvrt.Portal.Features.Jobs.History;

/// <summary>The filters above the job history grid, and how they and the grid's page and sort become one <see cref="JobQuery"/>.</summary>
public sealed class JobHistoryFilters
{
    /// <summary>A mode rather than a filter: clearing the filters keeps it.</summary>
    public bool TestData { get; set; }

    public JobStatus? Status { get; set; }
    public string? OutputFormat { get; set; }
    public JobOrigin? Origin { get; set; }
    /// <summary>Whole local days, both ends included, as the date range picker gives them.</summary>
    public DateRange? Dates { get; set; }
    public string? Search { get; set; }

    public bool Any => Status is not null || OutputFormat is not null || Origin is not null
        || Dates?.Start is not null || Dates?.End is not null || !string.IsNullOrWhiteSpace(Search);

    public void Clear()
    {
        Status = null;
        OutputFormat = null;
        Origin = null;
        Dates = null;
        Search = null;
    }

    public JobQuery ToQuery(GridState<ConversionJob> grid, TimeZoneInfo zone)
    {
        var sort = grid.SortDefinitions.FirstOrDefault();
        return new JobQuery
        {
            TestData = TestData,
            Status = Status,
            OutputFormat = OutputFormat,
            Origin = Origin,
            From = Dates?.Start is { } start ? JobStatistics.StartOf(DateOnly.FromDateTime(start), zone) : null,
            To = Dates?.End is { } end ? JobStatistics.StartOf(DateOnly.FromDateTime(end).AddDays(1), zone) : null,
            Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
            SortBy = sort is null ? JobSortColumn.CreatedAt : ColumnOf(sort.SortBy),
            Descending = sort?.Descending ?? true,
            Page = grid.Page,
            PageSize = grid.PageSize,
        };
    }

    /// <summary>The grid names a sorted column by its property.</summary>
    private static JobSortColumn ColumnOf(string property) => property switch
    {
        nameof(ConversionJob.SourceFileName) => JobSortColumn.FileName,
        nameof(ConversionJob.InputBytes) => JobSortColumn.InputBytes,
        nameof(ConversionJob.MainOutputBytes) => JobSortColumn.OutputBytes,
        nameof(ConversionJob.Status) => JobSortColumn.Status,
        _ => JobSortColumn.CreatedAt,
    };
}
