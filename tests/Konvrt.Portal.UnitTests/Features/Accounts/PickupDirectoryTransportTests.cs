using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.Accounts.Email;
using Konvrt.Portal.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Konvrt.Portal.UnitTests.Features.Accounts;

public sealed class PickupDirectoryTransportTests : IDisposable
{
    private readonly PortalPaths paths = new(Path.Combine(Path.GetTempPath(), "konvrt-mail-" + Guid.NewGuid().ToString("N")));

    public void Dispose() => Directory.Delete(paths.DataRoot, recursive: true);

    [Fact]
    public async Task A_confirmation_mail_lands_as_one_complete_eml_file_with_the_link()
    {
        var transport = new PickupDirectoryTransport(paths, TimeProvider.System, NullLogger<PickupDirectoryTransport>.Instance);
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var composer = new MailComposer(transport, Options.Create(new EmailOptions { FromAddress = "hello@konvrt.test" }),
            services.GetRequiredService<IServiceScopeFactory>(), NullLoggerFactory.Instance);
        var sender = new PortalEmailSender(composer, new PortalUrls(new ConfigurationBuilder().Build()));

        await sender.SendConfirmationLinkAsync(new PortalUser(), "alice@example.com", "https://konvrt.test/Account/ConfirmEmail?code=abc&amp;userId=1");

        var file = Assert.Single(Directory.GetFiles(paths.MailPickup));
        Assert.EndsWith(".eml", file);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("alice@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal("hello@konvrt.test", message.From.Mailboxes.Single().Address);
        // Identity hands the link over HTML-encoded; it is written once encoded, and plain in the text part.
        Assert.Contains("href=\"https://konvrt.test/Account/ConfirmEmail?code=abc&amp;userId=1\"", message.HtmlBody);
        Assert.Contains("https://konvrt.test/Account/ConfirmEmail?code=abc&userId=1\n", message.TextBody!.ReplaceLineEndings("\n"));
    }
}
