using System.Net;
using System.Text.Json;
using Konvrt.Portal.Infrastructure.Errors;
using Konvrt.Portal.IntegrationTests.Support;

namespace Konvrt.Portal.IntegrationTests.Features.ApiKeys;

public sealed class ProblemTypePagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_problem_answers_type_resolved_against_the_address_that_answered_is_a_page_explaining_it()
    {
        using var client = portal.CreateClient();

        var answer = await client.GetAsync("/api/v1/jobs");
        var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        var explained = new Uri(answer.RequestMessage!.RequestUri!, problem.GetProperty("type").GetString());
        var page = await client.GetAsync(explained);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains(problem.GetProperty("title").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains(ErrorCatalog.Unauthorized.PortalText, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_type_has_its_page_and_the_index_lists_them_all()
    {
        using var client = portal.CreateClient();

        var index = WebUtility.HtmlDecode(await client.GetStringAsync("/problems"));
        foreach (var error in ErrorCatalog.All.DistinctBy(error => error.TypeName))
        {
            var page = await client.GetAsync(error.Type);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{error.Type} answered {page.StatusCode}");
            Assert.Contains($"<h1", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains($"href=\"problems/{error.TypeName}\"", index, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_problem_type_is_a_404()
    {
        using var client = portal.CreateClient();

        var page = await client.GetAsync("/problems/no-such-problem");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }
}
