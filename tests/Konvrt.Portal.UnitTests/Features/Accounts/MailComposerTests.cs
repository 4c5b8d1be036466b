using Konvrt.Portal.Features.Accounts.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Konvrt.Portal.UnitTests.Features.Accounts;

public sealed class MailComposerTests
{
    private static readonly PortalMail Receipt = new(
        "Your Konvrt receipt",
        "Thank you: 1,000 credits are in <Shop & Co>",
        ["Your payment went through."],
        new MailLink("Stripe's receipt", "https://pay.example/r?a=1&b=2"),
        "You got this mail because you own the Konvrt workspace \"<Shop & Co>\".",
        new MailLink("Billing", "https://konvrt.example/billing"))
    {
        Facts = [("Pack", "Starter"), ("Balance now", "1,100")],
    };

    private sealed class Outbox : IMailTransport
    {
        public List<MimeMessage> Sent { get; } = [];

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void The_text_part_says_everything_in_order_with_each_link_written_out_and_the_facts_aligned()
    {
        Assert.Equal("""
            Thank you: 1,000 credits are in <Shop & Co>

            Your payment went through.

            Pack         Starter
            Balance now  1,100

            Stripe's receipt:
            https://pay.example/r?a=1&b=2

            --
            You got this mail because you own the Konvrt workspace "<Shop & Co>".
            Billing: https://konvrt.example/billing

            """.ReplaceLineEndings("\n"), MailComposer.Text(Receipt));
    }

    [Fact]
    public async Task A_sent_mail_has_a_text_and_an_html_part_and_the_html_encodes_every_value()
    {
        var outbox = new Outbox();
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var composer = new MailComposer(outbox, Options.Create(new EmailOptions()), services.GetRequiredService<IServiceScopeFactory>(), NullLoggerFactory.Instance);

        await composer.SendAsync("owner@example.com", Receipt, CancellationToken.None);

        var mail = Assert.Single(outbox.Sent);
        Assert.Equal("Your Konvrt receipt", mail.Subject);
        Assert.Equal(MailComposer.Text(Receipt), mail.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains("&lt;Shop &amp; Co&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<Shop", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://pay.example/r?a=1&amp;b=2\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://konvrt.example/billing\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<td style=\"padding:4px 0;font-weight:600;\">1,100</td>", mail.HtmlBody, StringComparison.Ordinal);
    }
}
