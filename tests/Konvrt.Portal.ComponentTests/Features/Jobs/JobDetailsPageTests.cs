using Bunit;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Jobs.History;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using static Konvrt.Portal.TestSupport.TestJobs;

namespace Konvrt.Portal.ComponentTests.Features.Jobs;

public sealed class JobDetailsPageTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private IRenderedComponent<JobDetailsPage> Open(Guid jobId) =>
        Render<JobDetailsPage>(parameters => parameters.Add(page => page.JobId, jobId));

    [Fact]
    public void A_job_s_page_shows_the_comparison_the_stages_the_options_in_words_and_the_request_as_curl()
    {
        var job = Job(WorkspaceId, "red boot's.jpg", Noon, storedIn: "shop");
        Service<IDbContextFactory<PortalDbContext>>().Seed(job);

        var page = Open(job.Id);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=job-page]")), Wait);
        Assert.Equal("red boot's.jpg", page.Find("h1").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=before-after]"));
        Assert.Equal(6, page.FindAll("[data-testid=job-stages] tr").Count);
        Assert.Contains("Max width", page.Find("[data-testid=job-options]").TextContent, StringComparison.Ordinal);
        Assert.Equal("""
            curl -H "Authorization: Bearer $KONVRT_API_KEY" \
                 -F 'file=@red boot'\''s.jpg' \
                 -F 'format=webp' \
                 -F 'quality=80' \
                 -F 'maxWidth=1200' \
                 -F 'fit=inside' \
                 -F 'enlarge=false' \
                 -F 'lossless=false' \
                 -F 'keepMetadata=false' \
                 -F 'storage=shop' \
                 'http://localhost/api/v1/convert'
            """, page.Find("[data-testid=job-curl]").TextContent.Trim());
    }

    [Fact]
    public void A_failed_job_says_what_went_wrong_in_words_with_its_code_beside()
    {
        var job = Job(WorkspaceId, "notes.txt", Noon, status: JobStatus.Failed);
        job.ErrorCode = "unsupported-format";
        job.ErrorMessage = "The file is not an image Konvrt can read.";
        Service<IDbContextFactory<PortalDbContext>>().Seed(job);

        var page = Open(job.Id);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=job-error]")), Wait);
        var error = page.Find("[data-testid=job-error]").TextContent;
        Assert.StartsWith("Unsupported format.", error.Trim(), StringComparison.Ordinal);
        Assert.Contains("Error code unsupported-format", error, StringComparison.Ordinal);
        Assert.Equal("Failed", page.Find("[data-testid=job-status]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=before-after]"));
    }

    [Fact]
    public void Another_workspace_s_job_is_not_found_here()
    {
        var theirs = Job(OtherWorkspaceId(), "theirs.jpg", Noon);
        Service<IDbContextFactory<PortalDbContext>>().Seed(theirs);

        var page = Open(theirs.Id);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=job-not-found]")), Wait);
        Assert.DoesNotContain("theirs.jpg", page.Markup, StringComparison.Ordinal);
    }
}
