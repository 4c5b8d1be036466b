using Konvrt.Client;
using Microsoft.Extensions.Time.Testing;

namespace Konvrt.Portal.ClientTests.DotNet;

public sealed class WebhookVerifierTests
{
    // The test vector published with the Standard Webhooks specification.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Timestamp = "1614265330";
    private const string Body = """{"test": 2432232314}""";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    [Fact]
    public void The_specifications_vector_verifies_and_signs_alike()
    {
        var verifier = new WebhookVerifier(Secret, new FakeTimeProvider(SentAt.AddSeconds(30)));

        Assert.True(verifier.IsValid(Id, Timestamp, Signature, Body));
        Assert.True(verifier.IsValid(Id, Timestamp, "v1,bm90IGl0 " + Signature, Body));
        Assert.Equal(Signature, verifier.Sign(Id, SentAt, Body));
    }

    [Fact]
    public void A_changed_body_another_id_another_secret_or_an_old_message_is_refused()
    {
        var now = new FakeTimeProvider(SentAt);

        Assert.False(new WebhookVerifier(Secret, now).IsValid(Id, Timestamp, Signature, """{"test": 2432232315}"""));
        Assert.False(new WebhookVerifier(Secret, now).IsValid("msg_other", Timestamp, Signature, Body));
        Assert.False(new WebhookVerifier("whsec_" + Convert.ToBase64String(new byte[24]), now).IsValid(Id, Timestamp, Signature, Body));
        Assert.False(new WebhookVerifier(Secret, new FakeTimeProvider(SentAt.AddMinutes(6))).IsValid(Id, Timestamp, Signature, Body));
        Assert.False(new WebhookVerifier(Secret, now).IsValid(Id, Timestamp, "v2," + Signature[3..], Body));
        Assert.Throws<WebhookVerificationException>(() => new WebhookVerifier(Secret, now).Verify(
            [new("webhook-id", [Id]), new("webhook-timestamp", [Timestamp]), new("webhook-signature", ["v1,AAAA"])], Body));
    }
}
