using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Konvrt.Portal.TestSupport;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

/// <summary>
/// The portal as a process with JSON console logs (<c>Logging:Console:FormatterName=json</c>): every line it writes is
/// one JSON object, and none of them holds a secret that passed through it — a password, an API key, a webhook secret,
/// a storage secret — even where a request failed because of them.
/// </summary>
public sealed class LogSecretsTests
{
    [Fact]
    public async Task A_run_that_handles_every_kind_of_secret_logs_json_lines_and_none_of_the_secrets()
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), "konvrt-logs-" + Guid.NewGuid().ToString("N"));
        const string Password = "a password nobody logs 7301";
        const string StorageSecret = "storage-secret-nobody-logs-5519";
        var settings = new Dictionary<string, string>
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:LogLevel:Default"] = "Information",
            // Every request then writes lines of its own: each must carry its trace id.
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            // Failures are logged with their reasons: let a storage check fail for real, on loopback.
            ["Outbound:AllowPrivateNetworks"] = "true",
        };
        string log;
        string key;
        string webhookSecret;
        await using (var portal = await PortalProcess.StartAsync(dataRoot, settings))
        {
            key = await PortalProcess.ApiKeyAsync(dataRoot, "logs@example.com", Password);
            using var api = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            var webhook = await (await api.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://93.184.216.34/hooks" })).JsonAsync();
            webhookSecret = webhook.TryGetProperty("secret", out var secret) ? secret.GetString()! : throw new InvalidOperationException(webhook.ToString());
            // A destination no server answers: the check fails, and its failure is logged.
            using var storage = await api.PostAsJsonAsync("/api/v1/storage", new
            {
                name = "shop", endpoint = $"http://127.0.0.1:{PortalProcess.FreePort()}", region = "us-east-1", bucket = "shop",
                accessKeyId = "AKIALOGSTEST", secretAccessKey = StorageSecret, forcePathStyle = true,
            });
            Assert.False(storage.IsSuccessStatusCode);
            using var converted = await api.PostAsync("/api/v1/convert", Form(SmallJpeg(70), "shoe.jpg", ("format", "webp")));
            Assert.True(converted.IsSuccessStatusCode);
            using var wrongKey = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
            wrongKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key + "x");
            wrongKey.DefaultRequestHeaders.Add("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");
            await wrongKey.GetAsync("/api/v1/account");
            log = portal.Log;
        }
        Directory.Delete(dataRoot, recursive: true);

        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        foreach (var (what, secret) in new[] { ("password", Password), ("API key", key), ("webhook secret", webhookSecret), ("storage secret", StorageSecret) })
        {
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"The {what} is in the log.");
        }
        // Nor the key's secret part alone (its prefix, shown in the portal, may appear).
        Assert.DoesNotContain(key[(key.LastIndexOf('_') + 1)..], log, StringComparison.Ordinal);

        // Every line written for a request names its trace: the id a problem answer quotes finds them all.
        var requestLines = lines.Select(line => Scopes(JsonDocument.Parse(line).RootElement)).Where(scopes => scopes.ContainsKey("RequestId")).ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, scopes => Assert.Matches("^[0-9a-f]{32}$", scopes.GetValueOrDefault("TraceId")));
        Assert.Contains(requestLines, scopes => scopes.GetValueOrDefault("TraceId") == TraceId && scopes.GetValueOrDefault("RequestPath") == "/api/v1/account");
    }

    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    /// <summary>The properties of a JSON log line's scopes (<c>IncludeScopes</c>), merged.</summary>
    private static Dictionary<string, string?> Scopes(JsonElement line) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(scope => scope.ValueKind == JsonValueKind.Object).SelectMany(scope => scope.EnumerateObject())
                .GroupBy(property => property.Name).ToDictionary(group => group.Key, group => (string?)group.Last().Value.ToString())
            : [];
}
