using Konvrt.Portal.Features.Accounts.Email;
using Konvrt.Portal.Infrastructure;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>The invitation to join a workspace, saying who invited the reader, to what, and why they got it.</summary>
public sealed class InvitationMail(MailComposer composer, PortalUrls urls)
{
    public Task SendAsync(string to, string inviter, string workspace, WorkspaceRole role, string link, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var until = expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        return composer.SendAsync(to, new PortalMail(
            $"{inviter} invited you to {workspace} on Konvrt",
            $"Join {workspace} on Konvrt",
            [$"{inviter} invited you to join the workspace \"{workspace}\" on Konvrt as {role.Label()} ({role.Describe()}).",
             $"Sign up or log in with this address ({to}) to accept. The link works until {until}."],
            new MailLink("Accept the invitation", link),
            $"You got this mail because {inviter} entered your address. If you do not know them, ignore it: nothing happens unless you accept.",
            new MailLink("Your workspaces and their members", urls.To("members"))), cancellationToken);
    }
}
