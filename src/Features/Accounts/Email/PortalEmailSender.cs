using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Konvrt.Portal.Features.Accounts.Email;

/// <summary>Identity's mails, composed once with MimeKit and handed to whichever transport is configured.</summary>
internal sealed class PortalEmailSender(IMailTransport transport, IOptions<EmailOptions> options) : IEmailSender<PortalUser>
{
    // Identity hands these links over HTML-encoded already.
    public Task SendConfirmationLinkAsync(PortalUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your Konvrt e-mail address",
            $"<p>Welcome to Konvrt.</p><p>Please confirm your e-mail address by <a href=\"{confirmationLink}\">clicking here</a>.</p>" +
            "<p>If you did not sign up, ignore this message.</p>");

    public Task SendPasswordResetLinkAsync(PortalUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your Konvrt password",
            $"<p>Reset your password by <a href=\"{resetLink}\">clicking here</a>.</p><p>If you did not ask for this, ignore this message.</p>");

    public Task SendPasswordResetCodeAsync(PortalUser user, string email, string resetCode) =>
        SendAsync(email, "Your Konvrt password reset code",
            $"<p>Your password reset code is <strong>{System.Net.WebUtility.HtmlEncode(resetCode)}</strong>.</p>");

    private Task SendAsync(string to, string subject, string html)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new BodyBuilder { HtmlBody = html }.ToMessageBody();
        return transport.SendAsync(message, CancellationToken.None);
    }
}
