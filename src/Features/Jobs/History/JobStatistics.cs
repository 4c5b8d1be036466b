using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Jobs.History;

/// <summary>A workspace's conversions as the dashboard sums them up, counted in the user's own days.</summary>
/// <param name="ConversionsPerDay">The last <see cref="JobStatistics.ChartDays"/> days, oldest first, today last.</param>
/// <param name="ConversionsByFormat">Output format → completed conversions over the same days, most used first.</param>
public sealed record WorkspaceActivity(
    int ConversionsToday,
    int ConversionsThisMonth,
    long BytesSavedThisMonth,
    IReadOnlyList<DailyConversions> ConversionsPerDay,
    IReadOnlyList<KeyValuePair<string, int>> ConversionsByFormat,
    IReadOnlyList<ConversionJob> RecentJobs);

public sealed record DailyConversions(DateOnly Day, int Count);

/// <summary>
/// Counts completed conversions (failed ones produced nothing; cache hits count, they are conversions the
/// user asked for). Bytes saved is input minus output over completed jobs, never below zero per job.
/// </summary>
public sealed class JobStatistics(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public const int ChartDays = 30;
    public const int RecentCount = 5;

    /// <param name="testData">The test keys' jobs instead of the live ones.</param>
    public async Task<WorkspaceActivity> ActivityAsync(Guid workspaceId, TimeZoneInfo timeZone, bool testData, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, timeZone).DateTime);
        var firstChartDay = today.AddDays(1 - ChartDays);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var since = StartOf(monthStart < firstChartDay ? monthStart : firstChartDay, timeZone);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Only the few columns the figures need; the days are the user's, which SQL cannot compute with time zones.
        // Every output is a conversion (and was charged as one); the bytes saved are the main output's.
        var completed = await (
            from output in db.Set<JobOutput>()
            join job in db.Jobs on output.JobId equals job.Id
            where job.WorkspaceId == workspaceId && job.IsTest == testData && job.CreatedAt >= since && output.Format != null
                && (job.Status == JobStatus.Completed || job.Status == JobStatus.Expired)
            select new { job.CreatedAt, OutputFormat = output.Format, job.InputBytes, OutputBytes = output.Bytes, output.Index })
            .AsNoTracking().ToListAsync(cancellationToken);
        var recent = await db.Jobs.AsNoTracking()
            .Where(job => job.WorkspaceId == workspaceId && job.IsTest == testData)
            .OrderByDescending(job => job.CreatedAt)
            .Take(RecentCount)
            .ToListAsync(cancellationToken);

        var withDay = completed
            .Select(job => (Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(job.CreatedAt, timeZone).DateTime), Job: job))
            .ToList();
        var perDay = Enumerable.Range(0, ChartDays)
            .Select(offset => firstChartDay.AddDays(offset))
            .Select(day => new DailyConversions(day, withDay.Count(item => item.Day == day)))
            .ToList();
        var byFormat = withDay
            .Where(item => item.Day >= firstChartDay && item.Job.OutputFormat is not null)
            .GroupBy(item => item.Job.OutputFormat!)
            .Select(group => KeyValuePair.Create(group.Key, group.Count()))
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .ToList();
        var thisMonth = withDay.Where(item => item.Day >= monthStart).ToList();

        return new WorkspaceActivity(
            ConversionsToday: withDay.Count(item => item.Day == today),
            ConversionsThisMonth: thisMonth.Count,
            BytesSavedThisMonth: thisMonth.Where(item => item.Job.Index == 0)
                .Sum(item => Math.Max(0, item.Job.InputBytes - (item.Job.OutputBytes ?? item.Job.InputBytes))),
            ConversionsPerDay: perDay,
            ConversionsByFormat: byFormat,
            RecentJobs: recent);
    }

    /// <summary>The instant a local day begins (the first valid local time, should a DST change skip midnight).</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo timeZone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (timeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return new DateTimeOffset(local, timeZone.GetUtcOffset(local));
    }
}
