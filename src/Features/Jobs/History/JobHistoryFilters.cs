using System.Globalization;
using Konvrt.Portal.Features.Conversion;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace Konvrt.Portal.Features.Jobs.History;

/// <summary>
/// The filters above the job history grid: read from and written to the page's address (so a filtered history
/// can be shared, bookmarked and gone back to), and with the grid's page and sort made one <see cref="JobQuery"/>.
/// </summary>
public sealed class JobHistoryFilters
{
    /// <summary>The names in the address; the values are the API's (<c>status=failed</c>, <c>from=2026-03-07</c>).</summary>
    public static class Parameters
    {
        public const string Search = "q";
        public const string Status = "status";
        public const string Format = "format";
        public const string Origin = "origin";
        public const string From = "from";
        public const string To = "to";
        public const string Test = "test";
    }

    /// <summary>A mode rather than a filter: clearing the filters keeps it.</summary>
    public bool TestData { get; set; }

    public JobStatus? Status { get; set; }
    public string? OutputFormat { get; set; }
    public JobOrigin? Origin { get; set; }
    /// <summary>Whole local days, both included.</summary>
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Search { get; set; }

    public bool Any => Status is not null || OutputFormat is not null || Origin is not null
        || From is not null || To is not null || !string.IsNullOrWhiteSpace(Search);

    public void Clear()
    {
        Status = null;
        OutputFormat = null;
        Origin = null;
        From = null;
        To = null;
        Search = null;
    }

    /// <summary>The last <paramref name="days"/> local days up to today (1 is today alone).</summary>
    public void LastDays(int days, DateOnly today)
    {
        From = today.AddDays(1 - days);
        To = today;
    }

    /// <summary>The filters an address gives; anything unknown or malformed in it is ignored, as if absent.</summary>
    public static JobHistoryFilters FromQuery(string query)
    {
        var values = QueryHelpers.ParseQuery(query);
        string? Value(string name) => values.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 } text ? text : null;
        DateOnly? Day(string name) => DateOnly.TryParseExact(Value(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        return new JobHistoryFilters
        {
            Search = Value(Parameters.Search),
            Status = Enum.TryParse<JobStatus>(Value(Parameters.Status), ignoreCase: true, out var status) ? status : null,
            OutputFormat = OutputFormats.TryParse(Value(Parameters.Format), out var format) ? format.Name() : null,
            Origin = Enum.TryParse<JobOrigin>(Value(Parameters.Origin), ignoreCase: true, out var origin) ? origin : null,
            From = Day(Parameters.From),
            To = Day(Parameters.To),
            TestData = Value(Parameters.Test) == "true",
        };
    }

    /// <summary>The address of the history with these filters, only those set: <c>jobs?status=failed&amp;from=…</c>.</summary>
    public string ToUrl(string page)
    {
        var query = new Dictionary<string, string?>
        {
            [Parameters.Search] = string.IsNullOrWhiteSpace(Search) ? null : Search,
            [Parameters.Status] = Status?.ToString().ToLowerInvariant(),
            [Parameters.Format] = OutputFormat,
            [Parameters.Origin] = Origin?.ToString().ToLowerInvariant(),
            [Parameters.From] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [Parameters.To] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [Parameters.Test] = TestData ? "true" : null,
        };
        return QueryHelpers.AddQueryString(page, query.Where(pair => pair.Value is not null));
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
            From = From is { } start ? JobStatistics.StartOf(start, zone) : null,
            To = To is { } end ? JobStatistics.StartOf(end.AddDays(1), zone) : null,
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
