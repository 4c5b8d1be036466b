using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Features.ApiKeys;

public sealed class ApiLimitsTests
{
    [Fact]
    public async Task The_61st_request_in_a_minute_gets_429_with_the_true_retry_after_while_another_workspace_is_unaffected()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory { ReplaceServices = services => services.AddSingleton<TimeProvider>(clock) };
        var busy = await portal.ApiUserAsync();
        var quiet = await portal.ApiUserAsync();
        using var secondKeyOfBusy = portal.CreateClient();
        var second = await portal.Services.GetRequiredService<Konvrt.Portal.Features.ApiKeys.ApiKeyService>()
            .CreateAsync(busy.WorkspaceId, "second key", null, busy.UserId, test: false, AuditActor.Administrator, CancellationToken.None);
        secondKeyOfBusy.DefaultRequestHeaders.Authorization = new("Bearer", second.Secret);

        for (var request = 1; request <= 60; request++)
        {
            var client = request % 2 == 0 ? busy.Client : secondKeyOfBusy;
            var answer = await client.GetAsync("/api/v1/account");
            Assert.Equal(200, (int)answer.StatusCode);
            Assert.Equal("\"per-workspace\";q=60;w=60", answer.Headers.GetValues("RateLimit-Policy").Single());
            // t: when the oldest request of the window leaves it and one more frees up.
            Assert.Equal($"\"per-workspace\";r={60 - request};t=60", answer.Headers.GetValues("RateLimit").Single());
        }
        clock.Advance(TimeSpan.FromSeconds(37));

        var limited = await busy.Client.GetAsync("/api/v1/account");

        await limited.AssertProblemAsync(429, "rate-limited");
        Assert.Equal("23", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal("\"per-workspace\";r=0;t=23", limited.Headers.GetValues("RateLimit").Single());
        Assert.Equal(200, (int)(await quiet.Client.GetAsync("/api/v1/account")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(23));
        Assert.Equal(200, (int)(await busy.Client.GetAsync("/api/v1/account")).StatusCode);
    }

    [Fact]
    public async Task The_window_slides_so_no_sixty_seconds_ever_let_more_than_sixty_requests_through()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory { ReplaceServices = services => services.AddSingleton<TimeProvider>(clock) };
        var user = await portal.ApiUserAsync();
        Assert.Equal(200, (int)(await user.Client.GetAsync("/api/v1/account")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(58));
        for (var request = 2; request <= 60; request++)
        {
            var answer = await user.Client.GetAsync("/api/v1/account");
            Assert.Equal(200, (int)answer.StatusCode);
            Assert.Equal($"\"per-workspace\";r={60 - request};t=2", answer.Headers.GetValues("RateLimit").Single());
        }

        // A fixed window starting at the first request would now open a fresh minute of sixty.
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(200, (int)(await user.Client.GetAsync("/api/v1/account")).StatusCode);
        var refused = await user.Client.GetAsync("/api/v1/account");
        await refused.AssertProblemAsync(429, "rate-limited");
        Assert.Equal("58", refused.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_limited_per_address_however_many_random_keys_they_try()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();

        for (var request = 1; request <= 60; request++)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", Konvrt.Portal.Features.ApiKeys.ApiKeyFormat.Generate(test: false));
            var answer = await client.GetAsync("/api/v1/account");
            Assert.Equal(401, (int)answer.StatusCode);
            Assert.Equal("\"per-address\";q=60;w=60", answer.Headers.GetValues("RateLimit-Policy").Single());
        }
        client.DefaultRequestHeaders.Authorization = new("Bearer", Konvrt.Portal.Features.ApiKeys.ApiKeyFormat.Generate(test: false));

        await (await client.GetAsync("/api/v1/account")).AssertProblemAsync(429, "rate-limited");
    }

    [Fact]
    public async Task An_upload_over_the_byte_limit_is_a_413_problem()
    {
        await using var portal = new PortalFactory
        {
            Settings = new Dictionary<string, string> { ["Conversion:Limits:MaxInputBytes"] = "100000" },
        };
        var user = await portal.ApiUserAsync();

        var answer = await user.Client.PostAsync("/api/v1/convert",
            Form(await File.ReadAllBytesAsync(TestImage("photo3_iphone6_3264x2448.jpg")), "big.jpg"));

        await answer.AssertProblemAsync(413, "payload-too-large");
    }
}
