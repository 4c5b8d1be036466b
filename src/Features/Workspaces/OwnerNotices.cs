using Konvrt.Portal.Features.Accounts.Email;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>Mail to a workspace's owners about something that needs their hand (credits running out, a webhook disabled).</summary>
public sealed class OwnerNotices(WorkspaceDirectory workspaces, IMailTransport transport, IOptions<EmailOptions> options)
{
    /// <param name="html">The body; anything taken from user input must already be HTML-encoded.</param>
    public async Task SendAsync(Guid workspaceId, string subject, string html, CancellationToken cancellationToken)
    {
        foreach (var owner in await workspaces.OwnerEmailsAsync(workspaceId, cancellationToken))
        {
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress(options.Value.FromName, options.Value.FromAddress));
            message.To.Add(MailboxAddress.Parse(owner));
            message.Subject = subject;
            message.Body = new BodyBuilder { HtmlBody = html }.ToMessageBody();
            await transport.SendAsync(message, cancellationToken);
        }
    }
}
