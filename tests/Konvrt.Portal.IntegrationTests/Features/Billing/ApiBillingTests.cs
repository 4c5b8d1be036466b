using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;

namespace Konvrt.Portal.IntegrationTests.Features.Billing;

public sealed class WithFiveCredits : PortalSetup
{
    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Billing:FreeCredits"] = "5" };
}

/// <summary>Credits through <c>POST /api/v1/convert</c>: charged, refused with 402, and told in headers.</summary>
public sealed class ApiBillingTests(PortalFactory<WithFiveCredits> fixture) : IClassFixture<PortalFactory<WithFiveCredits>>
{
    private PortalFactory<WithFiveCredits> Portal => fixture;

    [Fact]
    public async Task Twenty_concurrent_conversions_on_five_credits_let_exactly_five_through_and_refuse_the_rest_with_402()
    {
        var user = await Portal.ApiUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            user.Client.PostAsync("/api/v1/convert", Form(SmallJpeg((byte)(100 + i)), $"photo-{i}.jpg", ("format", "webp"))))));

        Assert.Equal(5, responses.Count(response => (int)response.StatusCode is 200 or 202));
        var refused = responses.Where(response => (int)response.StatusCode == 402).ToList();
        Assert.Equal(15, refused.Count);
        await refused[0].AssertProblemAsync(402, "insufficient-credits");
        var problem = await refused[0].JsonAsync();
        Assert.Equal((1, 0), (problem.GetProperty("creditsRequired").GetInt32(), problem.GetProperty("creditBalance").GetInt32()));
        Assert.Equal("http://localhost/billing", problem.GetProperty("buyCredits").GetString());
        Assert.All(refused, response => Assert.Equal("0", response.Headers.GetValues("X-Credits-Charged").Single()));
        Assert.Equal(0, await Portal.Services.GetRequiredService<CreditLedger>().BalanceAsync(user.WorkspaceId, CancellationToken.None));
    }

    [Fact]
    public async Task Each_answer_says_what_it_cost_and_what_is_left_and_a_cached_result_is_free_even_at_zero()
    {
        var user = await Portal.ApiUserAsync();
        var photo = SmallJpeg(77);

        var first = await user.Client.PostAsync("/api/v1/convert", Form(photo, "a.jpg", ("format", "webp")));
        Assert.Equal(("1", "4"), (first.Headers.GetValues("X-Credits-Charged").Single(), first.Headers.GetValues("X-Credits-Remaining").Single()));
        for (var shade = 0; shade < 4; shade++)
        {
            var response = await user.Client.PostAsync("/api/v1/convert", Form(SmallJpeg((byte)(200 + shade)), "b.jpg", ("format", "webp")));
            Assert.Equal(200, (int)response.StatusCode);
        }

        var again = await user.Client.PostAsync("/api/v1/convert", Form(photo, "a-again.jpg", ("format", "webp")));

        Assert.Equal(200, (int)again.StatusCode);
        Assert.True((await again.JsonAsync()).GetProperty("cached").GetBoolean());
        Assert.Equal(("0", "0"), (again.Headers.GetValues("X-Credits-Charged").Single(), again.Headers.GetValues("X-Credits-Remaining").Single()));
        var account = await (await user.Client.GetAsync("/api/v1/account")).JsonAsync();
        Assert.Equal(0, account.GetProperty("creditBalance").GetInt32());
    }
}
