using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Jobs.History;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Konvrt.Portal.TestSupport.TestJobs;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

/// <summary>The dashboard's figures, counted in the user's own days, over the real SQLite file.</summary>
public sealed class JobStatisticsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    // 2026-11-24 00:30 in Berlin (UTC+1): for a Berlin user it is already the 24th, in UTC still the 23rd.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 23, 30, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private JobStatistics Statistics() =>
        new(portal.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Konvrt.Portal.Infrastructure.Database.PortalDbContext>>(), new FakeTimeProvider(Now));

    [Fact]
    public async Task Today_this_month_and_bytes_saved_count_completed_conversions_in_the_user_s_days()
    {
        var workspace = await portal.CreateWorkspaceAsync();
        await portal.SeedAsync(
            Job(workspace, "just-after-midnight-berlin.jpg", Now.AddMinutes(-20), inputBytes: 1000, outputBytes: 250),
            Job(workspace, "yesterday-berlin.jpg", Now.AddHours(-2), inputBytes: 500, outputBytes: 100),
            Job(workspace, "grew.png", Now.AddDays(-3), inputBytes: 100, outputBytes: 180),
            Job(workspace, "failed-today.jpg", Now.AddMinutes(-10), status: JobStatus.Failed),
            Job(workspace, "queued-today.jpg", Now.AddMinutes(-5), status: JobStatus.Queued),
            Job(workspace, "last-month.jpg", new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.Zero), inputBytes: 9000, outputBytes: 1000));

        var berlin = await Statistics().ActivityAsync(workspace, Berlin, testData: false, CancellationToken.None);
        var utc = await Statistics().ActivityAsync(workspace, TimeZoneInfo.Utc, testData: false, CancellationToken.None);

        Assert.Equal(1, berlin.ConversionsToday);
        Assert.Equal(2, utc.ConversionsToday);
        Assert.Equal(3, berlin.ConversionsThisMonth);
        // 750 + 400 saved; the PNG that grew saves nothing rather than a negative amount.
        Assert.Equal(1150, berlin.BytesSavedThisMonth);
    }

    [Fact]
    public async Task The_chart_has_thirty_days_ending_today_and_the_formats_most_used_first()
    {
        var workspace = await portal.CreateWorkspaceAsync();
        await portal.SeedAsync(
            Job(workspace, "a.jpg", Now, outputFormat: "webp"),
            Job(workspace, "b.jpg", Now.AddDays(-1), outputFormat: "webp"),
            Job(workspace, "c.jpg", Now.AddDays(-1), outputFormat: "avif"),
            Job(workspace, "old.jpg", Now.AddDays(-40), outputFormat: "png"));

        var activity = await Statistics().ActivityAsync(workspace, TimeZoneInfo.Utc, testData: false, CancellationToken.None);

        Assert.Equal(JobStatistics.ChartDays, activity.ConversionsPerDay.Count);
        Assert.Equal(new DateOnly(2026, 11, 23), activity.ConversionsPerDay[^1].Day);
        Assert.Equal(new DateOnly(2026, 10, 25), activity.ConversionsPerDay[0].Day);
        Assert.Equal([1, 2], activity.ConversionsPerDay.TakeLast(2).Reverse().Select(day => day.Count));
        Assert.Equal(3, activity.ConversionsPerDay.Sum(day => day.Count));
        Assert.Equal([KeyValuePair.Create("webp", 2), KeyValuePair.Create("avif", 1)], activity.ConversionsByFormat);
        Assert.Equal(4, activity.RecentJobs.Count);
        Assert.Equal(("a.jpg", "old.jpg"), (activity.RecentJobs[0].SourceFileName, activity.RecentJobs[^1].SourceFileName));
    }

    [Fact]
    public async Task Another_workspace_s_jobs_count_for_nothing()
    {
        var mine = await portal.CreateWorkspaceAsync();
        var theirs = await portal.CreateWorkspaceAsync();
        await portal.SeedAsync(Job(theirs, "theirs.jpg", Now));

        var activity = await Statistics().ActivityAsync(mine, TimeZoneInfo.Utc, testData: false, CancellationToken.None);

        Assert.Equal((0, 0, 0L), (activity.ConversionsToday, activity.ConversionsThisMonth, activity.BytesSavedThisMonth));
        Assert.Empty(activity.RecentJobs);
        Assert.Empty(activity.ConversionsByFormat);
    }
}
