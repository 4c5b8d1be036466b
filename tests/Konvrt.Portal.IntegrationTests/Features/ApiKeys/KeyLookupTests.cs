using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.Logging;

namespace Konvrt.Portal.IntegrationTests.Features.ApiKeys;

/// <summary>The rate limiter and the authorization policy both authenticate a request; the key is looked up once.</summary>
public sealed class KeyLookupTests
{
    [Fact]
    public async Task A_key_is_looked_up_in_the_database_once_and_its_next_requests_make_no_look_up()
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

        var answers = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((int)(await user.Client.GetAsync("/api/v1/account")).StatusCode);
        }

        Assert.All(answers, status => Assert.Equal(200, status));
        Assert.True(before >= 1, "the first request looked the key up");
        Assert.Equal(0, KeyLookups(logs) - before);
    }

    private static int KeyLookups(LogCapture logs) => logs.Entries.Count(entry =>
        entry.Category == "Microsoft.EntityFrameworkCore.Database.Command" && entry.Level == LogLevel.Information
        && entry.Message.Contains("FROM \"ApiKeys\"", StringComparison.Ordinal) && entry.Message.Contains("SELECT", StringComparison.Ordinal));
}
