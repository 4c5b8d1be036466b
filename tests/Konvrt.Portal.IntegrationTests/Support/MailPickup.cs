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

    public static string FirstLink(MimeMessage message)
    {
        var match = Href().Match(message.HtmlBody ?? "");
        Assert.True(match.Success, "the mail has no link");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
