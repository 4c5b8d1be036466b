using System.Text.Json;
using Konvrt.Portal.IntegrationTests.Support;

namespace Konvrt.Portal.IntegrationTests.Features.ApiKeys;

public sealed class ApiDocsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_its_errors_and_the_bearer_scheme()
    {
        using var client = portal.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths");
        Assert.Equal(
            new[]
            {
                "/api/v1/account", "/api/v1/batches/{batchId}", "/api/v1/batches/{batchId}/download", "/api/v1/convert",
                "/api/v1/download/{jobId}", "/api/v1/download/{jobId}/{outputName}", "/api/v1/jobs", "/api/v1/jobs/{jobId}",
                "/api/v1/presets", "/api/v1/presets/{name}", "/api/v1/status/{jobId}", "/api/v1/storage", "/api/v1/storage/{name}",
                "/api/v1/storage/{name}/test", "/api/v1/webhooks", "/api/v1/webhooks/{endpointId}", "/api/v1/webhooks/{endpointId}/rotate-secret",
            },
            paths.EnumerateObject().Select(path => path.Name).Order());
        var convert = paths.GetProperty("/api/v1/convert").GetProperty("post");
        Assert.True(convert.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.True(convert.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var statuses = convert.GetProperty("responses").EnumerateObject().Select(response => response.Name).ToList();
        Assert.Subset(statuses.ToHashSet(), new HashSet<string> { "200", "202", "400", "401", "402", "403", "413", "415", "422", "429" });
        var download = paths.GetProperty("/api/v1/download/{jobId}").GetProperty("get").GetProperty("responses");
        Assert.True(download.TryGetProperty("409", out _) && download.TryGetProperty("410", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("JobResponse", out _));
        Assert.True(schemas.TryGetProperty("BatchResponse", out _));
        Assert.True(schemas.GetProperty("JobOutputResponse").GetProperty("properties").TryGetProperty("stored", out _));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_webhook_events_with_their_payloads()
    {
        using var client = portal.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var webhooks = document.GetProperty("webhooks");
        Assert.Equal(["batch.completed", "credits.low", "job.completed", "job.failed", "webhook.test"], webhooks.EnumerateObject().Select(hook => hook.Name).Order());
        var completed = webhooks.GetProperty("job.completed").GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json").GetProperty("schema").GetRawText();
        Assert.Contains("#/components/schemas/JobResponse", completed, StringComparison.Ordinal);
        var batch = webhooks.GetProperty("batch.completed").GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json").GetProperty("schema").GetRawText();
        Assert.Contains("#/components/schemas/BatchResponse", batch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_convert_form_describes_every_option_with_its_type_range_or_choices_default_and_as_optional()
    {
        using var client = portal.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var form = document.GetProperty("paths").GetProperty("/api/v1/convert").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        var properties = form.GetProperty("properties");

        // A source is a file or a URL, one or several: neither alone is required.
        Assert.False(form.TryGetProperty("required", out _));
        Assert.Equal("binary", properties.GetProperty("file").GetProperty("items").GetProperty("format").GetString());
        Assert.Equal("uri", properties.GetProperty("url").GetProperty("items").GetProperty("format").GetString());
        foreach (var own in new[] { "outputs", "preset", "storage", "variables", "webhookUrl" })
        {
            Assert.True(properties.TryGetProperty(own, out _), own);
        }
        var json = document.GetProperty("paths").GetProperty("/api/v1/convert").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("properties");
        Assert.Equal("array", json.GetProperty("outputs").GetProperty("type").GetString());
        Assert.Equal("array", json.GetProperty("urls").GetProperty("type").GetString());
        Assert.Equal("object", json.GetProperty("variables").GetProperty("type").GetString());
        foreach (var option in Konvrt.Portal.Features.Conversion.Options.ConversionOptionCatalog.All)
        {
            var schema = properties.GetProperty(option.Name);
            Assert.StartsWith(option.Description, schema.GetProperty("description").GetString(), StringComparison.Ordinal);
            switch (option)
            {
                case Konvrt.Portal.Features.Conversion.Options.IntegerOption number:
                    Assert.Equal("integer", schema.GetProperty("type").GetString());
                    Assert.Equal((number.Min, number.Max), (schema.GetProperty("minimum").GetInt32(), schema.GetProperty("maximum").GetInt32()));
                    break;
                case Konvrt.Portal.Features.Conversion.Options.IChoiceOption choice:
                    Assert.Equal(choice.Choices, schema.GetProperty("enum").EnumerateArray().Select(value => value.GetString()));
                    Assert.Equal(option.Default, schema.GetProperty("default").GetString());
                    break;
                case Konvrt.Portal.Features.Conversion.Options.BooleanOption:
                    Assert.Equal("boolean", schema.GetProperty("type").GetString());
                    Assert.False(schema.GetProperty("default").GetBoolean());
                    break;
            }
        }
        Assert.Equal(["auto", "avif", "gif", "jpeg", "png", "webp"], properties.GetProperty("format").GetProperty("enum").EnumerateArray().Select(value => value.GetString()).Order());
        // quality is a number or one of the words auto searches with: generated clients must accept both.
        var quality = properties.GetProperty("quality").GetProperty("oneOf").EnumerateArray().ToList();
        Assert.Equal(("integer", 1, 100), (quality[0].GetProperty("type").GetString(), quality[0].GetProperty("minimum").GetInt32(), quality[0].GetProperty("maximum").GetInt32()));
        Assert.Equal(["auto", "auto:high", "auto:good", "auto:eco"], quality[1].GetProperty("enum").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal("^(avif|webp|jpeg|jpg|png|gif)(,(avif|webp|jpeg|jpg|png|gif))*$", properties.GetProperty("accept").GetProperty("pattern").GetString());
        Assert.Equal(16383, properties.GetProperty("maxWidth").GetProperty("maximum").GetInt32());
        Assert.Contains("webp 80, jpeg 82, avif 60", properties.GetProperty("quality").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("boolean", properties.GetProperty("async").GetProperty("type").GetString());
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
