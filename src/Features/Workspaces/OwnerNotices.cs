using Konvrt.Portal.Features.Accounts.Email;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>Mail to a workspace's owners about something that needs their hand (credits running out, a webhook disabled).</summary>
public sealed class OwnerNotices(WorkspaceDirectory workspaces, MailComposer composer)
{
    /// <param name="compose">The mail, given the workspace's name: an owner of several must read which one it is about.</param>
    public async Task SendAsync(Guid workspaceId, Func<string, PortalMail> compose, CancellationToken cancellationToken)
    {
        if (await workspaces.FindAsync(workspaceId, cancellationToken) is not { } workspace)
        {
            return;
        }
        await composer.SendAsync(await workspaces.OwnerEmailsAsync(workspaceId, cancellationToken), compose(workspace.Name), cancellationToken);
    }

    /// <summary>Why an owner got a notice, said the same way in every one.</summary>
    public static string BecauseOwner(string workspace, string what) =>
        $"You got this mail because you own the Konvrt workspace \"{workspace}\" and {what}.";
}
