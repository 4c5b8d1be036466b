using System.Text;
using Konvrt.Portal.IntegrationTests.Features.Billing;
using Konvrt.Portal.IntegrationTests.Support;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

/// <summary>A batch is paid for whole: with too few credits for all of it, nothing is converted and nothing charged.</summary>
public sealed class BatchCreditTests(PortalFactory<WithFiveCredits> portal) : IClassFixture<PortalFactory<WithFiveCredits>>
{
    private const string TwoOutputs = """[ { "name": "main", "maxWidth": 64 }, { "name": "thumb", "maxWidth": 16 } ]""";

    [Fact]
    public async Task Three_sources_of_two_outputs_need_six_credits_so_five_buy_none_of_it()
    {
        var user = await portal.ApiUserAsync();
        var form = Form(JobKit.SmallJpeg(1), "a.jpg", ("outputs", TwoOutputs));
        form.Add(new ByteArrayContent(JobKit.SmallJpeg(2)), "file", "b.jpg");
        form.Add(new ByteArrayContent(JobKit.SmallJpeg(3)), "file", "c.jpg");

        var response = await user.Client.PostAsync("/api/v1/convert", form);

        await response.AssertProblemAsync(402, "insufficient-credits");
        var problem = await response.JsonAsync();
        Assert.Equal((6, 5), (problem.GetProperty("creditsRequired").GetInt32(), problem.GetProperty("creditBalance").GetInt32()));
        Assert.Equal(0, (await (await user.Client.GetAsync("/api/v1/jobs")).JsonAsync()).GetProperty("totalCount").GetInt32());
        Assert.Equal(5, (await (await user.Client.GetAsync("/api/v1/account")).JsonAsync()).GetProperty("creditBalance").GetInt32());
        var inputs = Path.Combine(portal.Paths.Blobs, user.WorkspaceId.ToString("N"), "inputs");
        Assert.True(!Directory.Exists(inputs) || Directory.GetFiles(inputs).Length == 0, "no upload of the refused batch is kept");
    }

    [Fact]
    public async Task Two_sources_of_two_outputs_are_paid_and_made_in_full()
    {
        var user = await portal.ApiUserAsync();
        var form = Form(JobKit.SmallJpeg(4), "d.jpg", ("outputs", TwoOutputs));
        form.Add(new ByteArrayContent(JobKit.SmallJpeg(5)), "file", "e.jpg");

        var batch = await (await user.Client.PostAsync("/api/v1/convert", form)).JsonAsync();

        Assert.Equal(("completed", 4), (batch.GetProperty("status").GetString(), batch.GetProperty("creditsCharged").GetInt32()));
        Assert.Equal(1, (await (await user.Client.GetAsync("/api/v1/account")).JsonAsync()).GetProperty("creditBalance").GetInt32());
    }
}
