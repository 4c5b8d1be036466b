using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Jobs.History;

/// <summary>The job history behind the portal's grid: filtered, sorted and paged in SQL, always within one workspace.</summary>
public sealed class JobHistory(IDbContextFactory<PortalDbContext> contexts)
{
    public const int MaxPageSize = 100;

    public async Task<JobPage> QueryAsync(Guid workspaceId, JobQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var jobs = Filter(db.Jobs.AsNoTracking().Where(job => job.WorkspaceId == workspaceId), query);
        var total = await jobs.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var items = await Sort(jobs, query)
            .Skip(Math.Max(0, query.Page) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new JobPage(items, total);
    }

    private static IQueryable<ConversionJob> Filter(IQueryable<ConversionJob> jobs, JobQuery query)
    {
        jobs = jobs.Where(job => job.IsTest == query.TestData);
        if (query.Status is { } status)
        {
            jobs = jobs.Where(job => job.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(query.OutputFormat))
        {
            var format = query.OutputFormat.Trim().ToLowerInvariant();
            jobs = jobs.Where(job => job.Outputs.Any(output => output.Format == format));
        }
        if (query.Origin is { } origin)
        {
            jobs = jobs.Where(job => job.Origin == origin);
        }
        if (query.From is { } from)
        {
            jobs = jobs.Where(job => job.CreatedAt >= from);
        }
        if (query.To is { } to)
        {
            jobs = jobs.Where(job => job.CreatedAt < to);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // lower() and a substring search mean the same on SQLite and PostgreSQL (LIKE ignores case only on the
            // first), and a % or _ typed in the box is just text.
            var search = query.Search.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Runs in the database as lower() and a substring search, never in .NET.
            jobs = jobs.Where(job => job.SourceFileName.ToLower().Contains(search));
#pragma warning restore CA1304, CA1311, CA1862
        }
        return jobs;
    }

    private static IQueryable<ConversionJob> Sort(IQueryable<ConversionJob> jobs, JobQuery query)
    {
        // The id breaks ties, so a row never shows on two pages.
        return (query.SortBy, query.Descending) switch
        {
            (JobSortColumn.FileName, false) => jobs.OrderBy(job => job.SourceFileName).ThenBy(job => job.Id),
            (JobSortColumn.FileName, true) => jobs.OrderByDescending(job => job.SourceFileName).ThenBy(job => job.Id),
            (JobSortColumn.InputBytes, false) => jobs.OrderBy(job => job.InputBytes).ThenBy(job => job.Id),
            (JobSortColumn.InputBytes, true) => jobs.OrderByDescending(job => job.InputBytes).ThenBy(job => job.Id),
            (JobSortColumn.OutputBytes, false) => jobs.OrderBy(MainOutputBytes).ThenBy(job => job.Id),
            (JobSortColumn.OutputBytes, true) => jobs.OrderByDescending(MainOutputBytes).ThenBy(job => job.Id),
            (JobSortColumn.Status, false) => jobs.OrderBy(job => job.Status).ThenByDescending(job => job.CreatedAt).ThenBy(job => job.Id),
            (JobSortColumn.Status, true) => jobs.OrderByDescending(job => job.Status).ThenByDescending(job => job.CreatedAt).ThenBy(job => job.Id),
            (_, false) => jobs.OrderBy(job => job.CreatedAt).ThenBy(job => job.Id),
            _ => jobs.OrderByDescending(job => job.CreatedAt).ThenBy(job => job.Id),
        };
    }

    private static readonly System.Linq.Expressions.Expression<Func<ConversionJob, long?>> MainOutputBytes =
        job => job.Outputs.Where(output => output.Index == 0).Select(output => output.Bytes).FirstOrDefault();
}
