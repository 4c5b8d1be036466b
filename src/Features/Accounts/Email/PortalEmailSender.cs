using System.Net;
using Konvrt.Portal.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Konvrt.Portal.Features.Accounts.Email;

/// <summary>Identity's mails (confirmation, password reset, a second sign-up), each a <see cref="PortalMail"/>.</summary>
public sealed class PortalEmailSender(MailComposer composer, PortalUrls urls) : IEmailSender<PortalUser>
{
    public Task SendConfirmationLinkAsync(PortalUser user, string email, string confirmationLink) =>
        composer.SendAsync(email, new PortalMail(
            "Confirm your Konvrt e-mail address",
            "Welcome to Konvrt",
            ["Confirm your e-mail address to start converting. The link works for a day."],
            new MailLink("Confirm my address", Decoded(confirmationLink)),
            "You got this mail because this address was used to sign up for Konvrt. If it was not you, ignore it: the account stays unusable without the confirmation.",
            new MailLink("Your account settings, once confirmed", PageOf(confirmationLink, "Account/Manage"))), CancellationToken.None);

    /// <summary>To the new address of an account whose owner asked to change it (the link is not HTML-encoded: ours, not Identity's).</summary>
    public Task SendEmailChangeLinkAsync(PortalUser user, string newEmail, string link) =>
        composer.SendAsync(newEmail, new PortalMail(
            "Confirm your new Konvrt e-mail address",
            "Confirm your new address",
            [$"The Konvrt account of {user.Email} asked to use this address from now on. It changes once you confirm it; until then, the old one stays."],
            new MailLink("Use this address", link),
            "You got this mail because someone signed in to that Konvrt account entered this address. If it was not you, ignore it: nothing changes.",
            new MailLink("The account's e-mail settings", PageOf(link, "Account/Manage/Email"))), CancellationToken.None);

    public Task SendPasswordResetLinkAsync(PortalUser user, string email, string resetLink) =>
        composer.SendAsync(email, new PortalMail(
            "Reset your Konvrt password",
            "Reset your password",
            ["Choose a new password for your Konvrt account. The link works for a day, once."],
            new MailLink("Choose a new password", Decoded(resetLink)),
            "You got this mail because someone asked to reset the password of the Konvrt account with this address. If it was not you, ignore it: your password stays as it is.",
            new MailLink("Your account's security settings", PageOf(resetLink, "Account/Manage/ChangePassword"))), CancellationToken.None);

    public Task SendPasswordResetCodeAsync(PortalUser user, string email, string resetCode) =>
        composer.SendAsync(email, new PortalMail(
            "Your Konvrt password reset code",
            "Your password reset code",
            [$"Enter this code to reset your password: {resetCode}"],
            null,
            "You got this mail because someone asked to reset the password of the Konvrt account with this address. If it was not you, ignore it.",
            new MailLink("Your account's security settings", urls.To("Account/Manage/ChangePassword"))), CancellationToken.None);

    /// <summary>Someone signed up with an address that already has an account: tell its owner, never the visitor.</summary>
    public Task SendAlreadyRegisteredAsync(string email, string logInLink, string resetLink) =>
        composer.SendAsync(email, new PortalMail(
            "You already have a Konvrt account",
            "You already have an account",
            ["Someone, hopefully you, tried to create a Konvrt account with this e-mail address. It already has one: log in instead.",
             $"Forgotten your password? Reset it here: {Decoded(resetLink)}"],
            new MailLink("Log in", Decoded(logInLink)),
            "You got this mail because this address was used to sign up again. If it was not you, ignore it: nothing has changed.",
            new MailLink("Reset your password", Decoded(resetLink))), CancellationToken.None);

    /// <summary>Identity hands its links over HTML-encoded already; the template encodes what it writes itself.</summary>
    private static string Decoded(string link) => WebUtility.HtmlDecode(link);

    /// <summary>A page of the portal at the same address as the link Identity made (the request's own origin).</summary>
    private static string PageOf(string link, string path) => new Uri(new Uri(Decoded(link)), "/" + path).AbsoluteUri;
}
