using MimeKit;

namespace Konvrt.Portal.Features.Accounts.Email;

/// <summary>Where composed mail goes: an SMTP server, or <c>.eml</c> files for self-hosters without one.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
