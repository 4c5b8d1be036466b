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
        // One described body per operation, as generators need; the JSON body is a schema of its own that the description names.
        Assert.Equal(["multipart/form-data"], convert.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(type => type.Name));
        Assert.Contains("ConvertJsonRequest", convert.GetProperty("description").GetString(), StringComparison.Ordinal);
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
        var json = document.GetProperty("components").GetProperty("schemas").GetProperty("ConvertJsonRequest").GetProperty("properties");
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
                    Assert.Equal(["integer", "null"], TypesOf(schema));
                    Assert.Equal((number.Min, number.Max), (schema.GetProperty("minimum").GetInt32(), schema.GetProperty("maximum").GetInt32()));
                    break;
                case Konvrt.Portal.Features.Conversion.Options.IChoiceOption choice:
                    Assert.Equal([.. choice.Choices, null], schema.GetProperty("enum").EnumerateArray().Select(value => value.GetString()));
                    Assert.Equal(option.Default, schema.GetProperty("default").GetString());
                    break;
                case Konvrt.Portal.Features.Conversion.Options.BooleanOption:
                    Assert.Equal(["boolean", "null"], TypesOf(schema));
                    Assert.False(schema.GetProperty("default").GetBoolean());
                    break;
            }
        }
        Assert.Equal([null, "auto", "avif", "gif", "jpeg", "png", "webp"], properties.GetProperty("format").GetProperty("enum").EnumerateArray().Select(value => value.GetString()).Order());
        // quality is a number or one of the words auto searches with: generated clients must accept both.
        var quality = properties.GetProperty("quality").GetProperty("oneOf").EnumerateArray().ToList();
        Assert.Equal(("integer", 1, 100), (quality[0].GetProperty("type").GetString(), quality[0].GetProperty("minimum").GetInt32(), quality[0].GetProperty("maximum").GetInt32()));
        Assert.Equal(["auto", "auto:high", "auto:good", "auto:eco"], quality[1].GetProperty("enum").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal("^(avif|webp|jpeg|jpg|png|gif)(,(avif|webp|jpeg|jpg|png|gif))*$", properties.GetProperty("accept").GetProperty("pattern").GetString());
        Assert.Equal(16383, properties.GetProperty("maxWidth").GetProperty("maximum").GetInt32());
        Assert.Contains("webp 80, jpeg 82, avif 60", properties.GetProperty("quality").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(["boolean", "null"], TypesOf(properties.GetProperty("async")));
        // Every field may be left out, which generators learn from "null" (a form has no null of its own); files and URLs may be none.
        Assert.All(properties.EnumerateObject().Where(field => field.Name is not ("file" or "url")),
            field => Assert.Contains("\"null\"", field.Value.GetRawText(), StringComparison.Ordinal));
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
        // Konvrt's reference, not a storefront for Scalar's services: no AI agent, no Deploy / Generate SDK / Share toolbar.
        Assert.Contains("\"agent\":{\"disabled\":true}", html, StringComparison.Ordinal);
        Assert.Contains("\"mcp\":{\"disabled\":true}", html, StringComparison.Ordinal);
        Assert.Contains("\"showDeveloperTools\":\"never\"", html, StringComparison.Ordinal);
        Assert.Contains("\"operationTitleSource\":\"summary\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_have_short_names_for_the_sidebar_and_generated_method_names()
    {
        using var client = portal.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        foreach (var (path, method, operation) in Operations(document))
        {
            var summary = operation.GetProperty("summary").GetString()!;
            Assert.True(summary.Split(' ').Length <= 6 && !summary.EndsWith('.'), $"{method} {path}: '{summary}' is not a short name");
            Assert.True(operation.TryGetProperty("operationId", out _), $"{method} {path} has no operationId");
        }
    }

    [Fact]
    public async Task The_document_says_what_the_server_sends_so_generated_clients_can_trust_it()
    {
        using var client = portal.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");

        // A field left out when null is optional; a field always sent is required.
        var job = schemas.GetProperty("JobResponse");
        Assert.Equal(["cached", "createdAt", "creditsCharged", "input", "jobId", "outputs", "status"],
            job.GetProperty("required").EnumerateArray().Select(name => name.GetString()).Order());
        foreach (var schema in schemas.EnumerateObject())
        {
            var required = schema.Value.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(name => name.GetString()!).ToList() : [];
            foreach (var property in schema.Value.TryGetProperty("properties", out var properties) ? properties.EnumerateObject() : default)
            {
                var raw = property.Value.GetRawText();
                Assert.False(required.Contains(property.Name) && raw.Contains("\"null\"", StringComparison.Ordinal),
                    $"{schema.Name}.{property.Name} may be left out (it is null then) but is required");
                Assert.False(raw.Contains("\"integer\"", StringComparison.Ordinal) && raw.Contains("\"string\"", StringComparison.Ordinal) && !raw.Contains("oneOf", StringComparison.Ordinal),
                    $"{schema.Name}.{property.Name} is typed both integer and string: {raw}");
            }
        }

        var convert = document.GetProperty("paths").GetProperty("/api/v1/convert").GetProperty("post");
        foreach (var status in new[] { "200", "202" })
        {
            var answer = convert.GetProperty("responses").GetProperty(status);
            Assert.Equal(["#/components/schemas/JobResponse", "#/components/schemas/BatchResponse"],
                answer.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("oneOf").EnumerateArray()
                    .Select(member => member.GetProperty("$ref").GetString()));
            var headers = answer.GetProperty("headers");
            foreach (var header in new[] { "X-Credits-Charged", "X-Credits-Remaining", "Idempotent-Replayed", "RateLimit", "RateLimit-Policy" })
            {
                Assert.True(headers.TryGetProperty(header, out _), $"convert's {status} does not describe {header}");
            }
        }
        var idempotency = convert.GetProperty("parameters").EnumerateArray().Single(parameter => parameter.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", idempotency.GetProperty("in").GetString());
        var tooMany = convert.GetProperty("responses").GetProperty("429").GetProperty("headers");
        Assert.True(tooMany.TryGetProperty("Retry-After", out _));
        // The limiter answers before the endpoint: its 429 carries no credit headers.
        Assert.False(tooMany.TryGetProperty("X-Credits-Charged", out _));

        var download = document.GetProperty("paths").GetProperty("/api/v1/download/{jobId}").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Equal(["image/avif", "image/gif", "image/jpeg", "image/png", "image/webp"], download.EnumerateObject().Select(type => type.Name).Order());
        Assert.All(download.EnumerateObject(), type => Assert.Equal("binary", type.Value.GetProperty("schema").GetProperty("format").GetString()));

        // Every problem answer: the schema with traceId (and errors on a 400), and the types it can carry.
        Assert.Equal(["status", "title", "type"], schemas.GetProperty("ProblemDetails").GetProperty("required").EnumerateArray().Select(name => name.GetString()).Order());
        Assert.True(schemas.GetProperty("ProblemDetails").GetProperty("properties").TryGetProperty("traceId", out _));
        Assert.True(schemas.GetProperty("HttpValidationProblemDetails").GetProperty("properties").TryGetProperty("errors", out _));
        var badRequest = convert.GetProperty("responses").GetProperty("400");
        Assert.Equal("#/components/schemas/HttpValidationProblemDetails",
            badRequest.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Contains("[invalid-options](/problems/invalid-options)", badRequest.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_events_describe_the_standard_webhooks_headers_they_are_signed_with()
    {
        using var client = portal.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        foreach (var hook in document.GetProperty("webhooks").EnumerateObject())
        {
            var headers = hook.Value.GetProperty("post").GetProperty("parameters").EnumerateArray()
                .Where(parameter => parameter.GetProperty("in").GetString() == "header").Select(parameter => parameter.GetProperty("name").GetString());
            Assert.Equal(["webhook-id", "webhook-signature", "webhook-timestamp"], headers.Order());
        }
    }

    private static IEnumerable<string?> TypesOf(JsonElement schema) => schema.GetProperty("type").EnumerateArray().Select(type => type.GetString()).Order();

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => (path.Name, method.Name, method.Value)));
}
