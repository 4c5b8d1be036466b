using Konvrt.Portal.Infrastructure;
using MimeKit;

namespace Konvrt.Portal.Features.Accounts.Email;

/// <summary>Writes each message as an RFC 5322 <c>.eml</c> file any mail client opens, into <c>&lt;data&gt;/mail</c>.</summary>
internal sealed class PickupDirectoryTransport(PortalPaths paths, TimeProvider clock, ILogger<PickupDirectoryTransport> logger)
    : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.MailPickup);
        var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml";
        var finalPath = Path.Combine(paths.MailPickup, name);
        var temporaryPath = finalPath + ".tmp";
        // Written aside and renamed, so a reader of the folder never sees half a message.
        await message.WriteToAsync(temporaryPath, cancellationToken);
        File.Move(temporaryPath, finalPath);
        logger.LogInformation("Mail to {Recipients} written to {File}", message.To.ToString(), finalPath);
    }
}
