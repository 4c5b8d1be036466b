using Konvrt.Portal.TestSupport;
using System.Net;
using System.Text.RegularExpressions;
using Konvrt.Portal.Infrastructure;
using MimeKit;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>Reads the mail the portal wrote to its pickup folder, as a user reads their inbox.</summary>
public static partial class MailPickup
{
    /// <summary>The newest mail to <paramref name="recipient"/>, waiting up to ten seconds for mail sent in the background.</summary>
    public static Task<MimeMessage> LatestToAsync(PortalPaths paths, string recipient) =>
        Eventually.ValueAsync<MimeMessage>(async () =>
        {
            foreach (var file in Directory.GetFiles(paths.MailPickup, "*.eml").OrderDescending())
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(mailbox => mailbox.Address.Equals(recipient, StringComparison.OrdinalIgnoreCase)))
                {
                    return message;
                }
            }
            return null;
        }, $"a mail to {recipient} in {paths.MailPickup}", TimeSpan.FromSeconds(10));

    /// <summary>Every mail to <paramref name="recipient"/> so far, oldest first.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> AllToAsync(PortalPaths paths, string recipient)
    {
        var found = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(paths.MailPickup, "*.eml").Order())
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(mailbox => mailbox.Address.Equals(recipient, StringComparison.OrdinalIgnoreCase)))
            {
                found.Add(message);
            }
        }
        return found;
    }

    /// <summary>
    /// What every mail owes its reader: a plain-text and an HTML part, each saying why they got it and linking the page
    /// that changes it.
    /// </summary>
    public static void AssertExplained(MimeMessage message, string why, string managePath)
    {
        Assert.False(string.IsNullOrWhiteSpace(message.TextBody), "the mail has no plain-text part");
        Assert.False(string.IsNullOrWhiteSpace(message.HtmlBody), "the mail has no HTML part");
        Assert.Contains($"You got this mail because {why}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode($"You got this mail because {why}"), message.HtmlBody, StringComparison.Ordinal);
        Assert.Matches($@"https?://[^\s""]+/{Regex.Escape(managePath)}(\s|$)", message.TextBody);
        Assert.Matches($@"href=""https?://[^""]+/{Regex.Escape(managePath)}""", message.HtmlBody);
    }

    public static string FirstLink(MimeMessage message)
    {
        var match = Href().Match(message.HtmlBody ?? "");
        Assert.True(match.Success, "the mail has no link");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
