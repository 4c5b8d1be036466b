using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Konvrt.Portal.Features.Accounts.Email;

/// <summary>Identity's mails, composed once with MimeKit and handed to whichever transport is configured.</summary>
public sealed class PortalEmailSender(IMailTransport transport, IOptions<EmailOptions> options) : IEmailSender<PortalUser>
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

    /// <summary>Someone signed up with an address that already has an account: tell its owner, never the visitor.</summary>
    public Task SendAlreadyRegisteredAsync(string email, string logInLink, string resetLink) =>
        SendAsync(email, "You already have a Konvrt account",
            "<p>Someone, hopefully you, tried to create a Konvrt account with this e-mail address. It already has one.</p>" +
            $"<p><a href=\"{logInLink}\">Log in</a>, or <a href=\"{resetLink}\">reset your password</a> if you have forgotten it.</p>" +
            "<p>If it was not you, ignore this message: nothing has changed.</p>");

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
