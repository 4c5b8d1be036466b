namespace Konvrt.Portal.Features.Jobs.History;

/// <summary>The columns the job history can be sorted by.</summary>
public enum JobSortColumn
{
    CreatedAt,
    FileName,
    InputBytes,
    OutputBytes,
    Status,
}

/// <summary>
/// One page of a workspace's job history as the portal asks for it. Every filter is optional; dates are
/// instants (the page turns the user's local days into them), <see cref="To"/> exclusive.
/// </summary>
public sealed record JobQuery
{
    /// <summary>Test-key jobs instead of live ones, never both: as Stripe's test mode.</summary>
    public bool TestData { get; init; }
    public JobStatus? Status { get; init; }
    public string? OutputFormat { get; init; }
    public JobOrigin? Origin { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    /// <summary>Part of the file name, matched without regard to case.</summary>
    public string? Search { get; init; }
    public JobSortColumn SortBy { get; init; } = JobSortColumn.CreatedAt;
    public bool Descending { get; init; } = true;
    /// <summary>Zero-based, as the data grid counts.</summary>
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record JobPage(IReadOnlyList<ConversionJob> Items, int Total);
