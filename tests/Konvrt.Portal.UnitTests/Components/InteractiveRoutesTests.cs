using Konvrt.Portal.Components;

namespace Konvrt.Portal.UnitTests.Components;

public sealed class InteractiveRoutesTests
{
    [Theory]
    [InlineData("convert", true)]
    [InlineData("jobs?status=failed", true)]
    [InlineData("jobs/5b0f8e1e-8e0f-4c35-9d7e-0a1b2c3d4e5f", true)]
    [InlineData("webhooks/job-urls", true)]
    [InlineData("Account/Manage", false)]
    [InlineData("Account/Login?ReturnUrl=%2Fconvert", false)]
    [InlineData("", false)]
    [InlineData("problems/not-found", false)]
    [InlineData("docs/api", false)]
    [InlineData("portal/jobs/download-all", false)]
    public void The_live_app_shows_its_own_pages_and_leaves_the_rest_to_a_full_page_load(string path, bool interactive) =>
        Assert.Equal(interactive, InteractiveRoutes.Serves(path));
}
