using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.Logging;

namespace Konvrt.Portal.IntegrationTests.Features.ApiKeys;

/// <summary>The rate limiter and the authorization policy both authenticate a request; the key is looked up once.</summary>
public sealed class KeyLookupTests
{
    [Fact]
    public async Task An_api_request_looks_its_key_up_in_the_database_once()
    {
        var logs = new LogCapture();
        await using var portal = new PortalFactory
        {
            // EF's command log, so each query the request makes can be counted.
            Settings = new Dictionary<string, string> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information" },
            ReplaceServices = logs.Register,
        };
        var user = await portal.ApiUserAsync();
        await user.Client.GetAsync("/api/v1/account");
        var before = KeyLookups(logs);

        var answer = await user.Client.GetAsync("/api/v1/account");

        Assert.Equal(200, (int)answer.StatusCode);
        Assert.Equal(1, KeyLookups(logs) - before);
    }

    private static int KeyLookups(LogCapture logs) => logs.Entries.Count(entry =>
        entry.Category == "Microsoft.EntityFrameworkCore.Database.Command" && entry.Level == LogLevel.Information
        && entry.Message.Contains("FROM \"ApiKeys\"", StringComparison.Ordinal) && entry.Message.Contains("SELECT", StringComparison.Ordinal));
}
