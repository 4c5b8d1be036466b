using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Konvrt.Portal.IntegrationTests.Support;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Konvrt.Portal.IntegrationTests.Features.Accounts;

public sealed class SmtpDeliveryTests
{
    [Fact]
    public async Task With_smtp_configured_the_confirmation_mail_goes_to_the_smtp_server_and_not_to_the_pickup_folder()
    {
        var port = FreePort();
        var inbox = new Inbox();
        var provider = new ServiceProvider();
        provider.Add(inbox);
        var server = new SmtpServer.SmtpServer(
            new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build(),
            provider);
        using var stop = new CancellationTokenSource();
        var serving = server.StartAsync(stop.Token);

        await using var portal = new PortalFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:Smtp:Security"] = "None",
                ["Email:FromAddress"] = "accounts@konvrt.test",
            },
        };
        var browser = portal.NewBrowser();
        var register = await browser.GetAsync("/Account/Register");
        await browser.SubmitAsync(register, "form[method=post]", new Dictionary<string, string>
        {
            ["Input.Email"] = "smtp-user@example.com",
            ["Input.Password"] = "a long enough password",
            ["Input.ConfirmPassword"] = "a long enough password",
        });

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var message = await inbox.Messages.ReadAsync(wait.Token);
        Assert.Equal("smtp-user@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal("accounts@konvrt.test", message.From.Mailboxes.Single().Address);
        Assert.Contains("/Account/ConfirmEmail?", MailPickup.FirstLink(message));
        Assert.Empty(Directory.GetFiles(portal.Paths.MailPickup));

        await stop.CancelAsync();
        await serving;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Inbox : MessageStore
    {
        private readonly Channel<MimeMessage> messages = Channel.CreateUnbounded<MimeMessage>();

        public ChannelReader<MimeMessage> Messages => messages.Reader;

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            await messages.Writer.WriteAsync(await MimeMessage.LoadAsync(stream, cancellationToken), cancellationToken);
            return SmtpResponse.Ok;
        }
    }
}
