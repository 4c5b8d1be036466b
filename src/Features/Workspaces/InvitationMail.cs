using System.Net;
using Konvrt.Portal.Features.Accounts.Email;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>The invitation mail, with a plain-text part beside the HTML one, saying why the reader got it.</summary>
public sealed class InvitationMail(IMailTransport transport, IOptions<EmailOptions> options)
{
    public async Task SendAsync(string to, string inviter, string workspace, WorkspaceRole role, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"{inviter} invited you to {workspace} on Konvrt";
        var until = expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        message.Body = new BodyBuilder
        {
            TextBody = $"""
                {inviter} invited you to join the workspace "{workspace}" on Konvrt as {role.Label()}
                ({role.Describe()}).

                Accept the invitation: {link}

                Sign up or log in with this address ({to}) to accept. The link works until {until}.
                You got this mail because {inviter} entered your address; if you do not know them, ignore it.
                """,
            HtmlBody = $"""
                <p>{E(inviter)} invited you to join the workspace <strong>{E(workspace)}</strong> on Konvrt as {E(role.Label())}
                ({E(role.Describe())}).</p>
                <p><a href="{E(link)}">Accept the invitation</a></p>
                <p>Sign up or log in with this address ({E(to)}) to accept. The link works until {until}.</p>
                <p>You got this mail because {E(inviter)} entered your address; if you do not know them, ignore it.</p>
                """,
        }.ToMessageBody();
        await transport.SendAsync(message, cancellationToken);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
