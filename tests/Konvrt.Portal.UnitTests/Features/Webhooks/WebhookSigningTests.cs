using Konvrt.Portal.Features.Webhooks;

namespace Konvrt.Portal.UnitTests.Features.Webhooks;

public sealed class WebhookSigningTests
{
    [Fact]
    public void The_signature_matches_the_standard_webhooks_published_test_vector()
    {
        var signature = WebhookSigning.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""", ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void During_a_rotation_each_secret_gives_its_own_signature_space_separated()
    {
        var fresh = WebhookSigning.NewSecret();

        var header = WebhookSigning.Sign("msg_1", 1700000000, "{}", [fresh, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]);

        var parts = header.Split(' ');
        Assert.Equal(2, parts.Length);
        Assert.Equal("v1," + WebhookSigning.Signature("msg_1", 1700000000, "{}", fresh), parts[0]);
        Assert.Equal("v1," + WebhookSigning.Signature("msg_1", 1700000000, "{}", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), parts[1]);
    }

    [Fact]
    public void New_secrets_carry_the_prefix_and_24_random_bytes()
    {
        var secret = WebhookSigning.NewSecret();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(24, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookSigning.NewSecret());
    }
}
