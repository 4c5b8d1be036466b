using System.Text.Json;
using Konvrt.Portal.IntegrationTests.Support;

namespace Konvrt.Portal.IntegrationTests.Features.Api;

public sealed class ApiDocsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_its_errors_and_the_bearer_scheme()
    {
        using var client = portal.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths");
        Assert.Equal(
            new[] { "/api/v1/account", "/api/v1/convert", "/api/v1/download/{jobId}", "/api/v1/jobs", "/api/v1/jobs/{jobId}", "/api/v1/status/{jobId}",
                "/api/v1/webhooks", "/api/v1/webhooks/{endpointId}", "/api/v1/webhooks/{endpointId}/rotate-secret" },
            paths.EnumerateObject().Select(path => path.Name).Order());
        var convert = paths.GetProperty("/api/v1/convert").GetProperty("post");
        Assert.True(convert.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        var statuses = convert.GetProperty("responses").EnumerateObject().Select(response => response.Name).ToList();
        Assert.Subset(statuses.ToHashSet(), new HashSet<string> { "200", "202", "400", "401", "402", "403", "413", "415", "422", "429" });
        var download = paths.GetProperty("/api/v1/download/{jobId}").GetProperty("get").GetProperty("responses");
        Assert.True(download.TryGetProperty("409", out _) && download.TryGetProperty("410", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("JobResponse", out _));
    }

    [Fact]
    public async Task The_interactive_reference_is_served_from_the_portal_itself()
    {
        using var client = portal.CreateClient();

        var page = await client.GetAsync("/docs/api/");
        var html = await page.Content.ReadAsStringAsync();
        var script = await client.GetAsync("/docs/api/scalar.js");

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Contains("Konvrt API reference", html);
        Assert.DoesNotContain("cdn.", html);
        Assert.Equal(200, (int)script.StatusCode);
    }
}
