using Bunit;
using Konvrt.Portal.ComponentTests.Features.Jobs;
using Konvrt.Portal.Features.Dashboard;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Konvrt.Portal.TestSupport.TestJobs;

namespace Konvrt.Portal.ComponentTests.Features;

public sealed class DashboardPageTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    public DashboardPageTests() => Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));

    private static string Figure(IRenderedComponent<DashboardPage> page, string testId) => page.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public void A_new_workspace_sees_zeros_and_what_to_do_first()
    {
        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=dashboard-empty]")), Wait);
        Assert.Equal(("0", "0", "0 B"), (Figure(page, "dashboard-today"), Figure(page, "dashboard-month"), Figure(page, "dashboard-saved")));
        Assert.Equal("100", Figure(page, "dashboard-credits"));
        Assert.NotNull(page.Find("[data-testid=buy-credits]"));
        Assert.Empty(page.FindAll("[data-testid=low-balance]"));
        Assert.Equal("Free plan", Figure(page, "dashboard-plan"));
        Assert.Empty(page.FindAll("[data-testid=chart-per-day]"));
        Assert.Contains("Convert images", page.Find("[data-testid=quick-actions]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Create an API key", page.Find("[data-testid=quick-actions]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_figures_count_this_workspace_s_completed_conversions_today_and_this_month()
    {
        Service<IDbContextFactory<PortalDbContext>>().Seed(
            Job(WorkspaceId, "today-1.jpg", Now.AddHours(-1), inputBytes: 3_000_000, outputBytes: 1_000_000),
            Job(WorkspaceId, "today-2.jpg", Now.AddHours(-2), outputFormat: "avif", inputBytes: 1_048_576, outputBytes: 48_576),
            Job(WorkspaceId, "today-failed.jpg", Now.AddHours(-3), status: JobStatus.Failed),
            Job(WorkspaceId, "earlier-this-month.jpg", new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), inputBytes: 2_000_000, outputBytes: 2_000_000),
            Job(WorkspaceId, "last-month.jpg", new DateTimeOffset(2026, 10, 30, 9, 0, 0, TimeSpan.Zero)),
            Job(OtherWorkspaceId(), "theirs.jpg", Now.AddHours(-1)));

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("2", Figure(page, "dashboard-today")), Wait);
        Assert.Equal("3", Figure(page, "dashboard-month"));
        // 2,000,000 + 1,000,000 bytes saved = 2.9 MB.
        Assert.Equal("2.9 MB", Figure(page, "dashboard-saved"));
        Assert.Equal(5, page.FindAll("[data-testid=recent-job]").Count);
        Assert.Contains("today-1.jpg", page.FindAll("[data-testid=recent-job]")[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("theirs.jpg", page.Markup, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=chart-per-day] svg"));
        Assert.Contains("WEBP (3)", page.Find("[data-testid=chart-by-format]").TextContent, StringComparison.Ordinal);
        Assert.Contains("AVIF (1)", page.Find("[data-testid=chart-by-format]").TextContent, StringComparison.Ordinal);
    }
}
