using System.Net;
using System.Text.Json;
using Konvrt.Portal.IntegrationTests.Support;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

public sealed partial class PortalBasicsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_landing_page_says_what_konvrt_is_and_offers_sign_up_and_log_in()
    {
        var landing = await portal.NewBrowser().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, landing.Response.StatusCode);
        Assert.Contains("Convert every image", landing.Text);
        Assert.Contains("REST API", landing.Text);
        var links = landing.Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("Account/Register", links);
        Assert.Contains("Account/Login", links);
        Assert.Contains("docs/api", links);
    }

    [Fact]
    public async Task The_landing_page_shows_a_real_before_and_after_and_the_packs_and_plans_this_installation_sells()
    {
        var landing = await portal.NewBrowser().GetAsync("/");

        var pictures = landing.Document.QuerySelectorAll("[data-testid=landing-before-after] img").Select(img => img.GetAttribute("src")!).ToList();
        Assert.Equal(["landing/original-1200.jpg", "landing/after.webp"], pictures);
        using var client = portal.CreateClient();
        foreach (var picture in pictures)
        {
            using var served = await client.GetAsync("/" + picture);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }
        var packs = landing.Document.QuerySelectorAll("[data-testid=landing-pack]").Select(pack => string.Join(' ', pack.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(["Starter $5.00 1,000 credits, once", "Growth $20.00 5,000 credits, once", "Scale $60.00 20,000 credits, once"], packs);
        Assert.NotEmpty(landing.Document.QuerySelectorAll("[data-testid=landing-plan]"));
    }

    [Fact]
    public async Task Pages_carry_security_headers_that_still_let_blazor_and_mudblazor_work()
    {
        using var client = portal.NewClientWithoutRedirects();

        using var response = await client.GetAsync("/");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("connect-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem_with_a_stable_type()
    {
        using var client = portal.NewClientWithoutRedirects();

        using var response = await client.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("/problems/not-found", problem.GetProperty("type").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_unknown_portal_page_is_a_friendly_404_page()
    {
        var page = await portal.NewBrowser().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, page.Response.StatusCode);
        Assert.Contains("Page not found", page.Text);
    }
}
