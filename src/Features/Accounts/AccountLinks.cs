using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Konvrt.Portal.Features.Accounts;

/// <summary>Builds the tokened links Identity mails out (confirm, change e-mail, reset) against the portal's own address.</summary>
public sealed class AccountLinks(UserManager<PortalUser> users, IEmailSender<PortalUser> mail, Email.PortalEmailSender mails, NavigationManager navigation)
{
    public Task SendAlreadyRegisteredAsync(string email) => mails.SendAlreadyRegisteredAsync(email,
        HtmlEncoder.Default.Encode(navigation.ToAbsoluteUri("Account/Login").AbsoluteUri),
        HtmlEncoder.Default.Encode(navigation.ToAbsoluteUri("Account/ForgotPassword").AbsoluteUri));

    public async Task SendEmailConfirmationAsync(PortalUser user, string? returnUrl = null)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Link("Account/ConfirmEmail", new() { ["userId"] = user.Id, ["code"] = code, ["returnUrl"] = returnUrl });
        await mail.SendConfirmationLinkAsync(user, user.Email!, HtmlEncoder.Default.Encode(link));
    }

    public async Task SendEmailChangeConfirmationAsync(PortalUser user, string newEmail)
    {
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        var link = Link("Account/ConfirmEmailChange", new() { ["userId"] = user.Id, ["email"] = newEmail, ["code"] = code });
        await mails.SendEmailChangeLinkAsync(user, newEmail, link);
    }

    public async Task SendPasswordResetAsync(PortalUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = Link("Account/ResetPassword", new() { ["code"] = code });
        await mail.SendPasswordResetLinkAsync(user, user.Email!, HtmlEncoder.Default.Encode(link));
    }

    public static string Decode(string code) => Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private string Link(string relative, Dictionary<string, object?> query) =>
        navigation.GetUriWithQueryParameters(navigation.ToAbsoluteUri(relative).AbsoluteUri, query);
}
