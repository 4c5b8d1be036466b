using System.Text;
using Konvrt.Portal.Features.Accounts.Email.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Konvrt.Portal.Features.Accounts.Email;

/// <summary>
/// Makes a <see cref="PortalMail"/> into a message with a plain-text part and an HTML part and hands it to the
/// transport. The HTML comes from a Razor template rendered outside any request by ASP.NET Core's own
/// <see cref="HtmlRenderer"/>; the text from <see cref="Text"/>. Both say the same things, in the same order.
/// </summary>
public sealed class MailComposer(IMailTransport transport, IOptions<EmailOptions> options, IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    public Task SendAsync(string to, PortalMail mail, CancellationToken cancellationToken) => SendAsync([to], mail, cancellationToken);

    /// <summary>The same mail to each recipient, a message apiece (no one sees the others' addresses), rendered once.</summary>
    public async Task SendAsync(IReadOnlyList<string> recipients, PortalMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (text, html) = (Text(mail), await HtmlAsync(mail));
        foreach (var to in recipients)
        {
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
            message.To.Add(MailboxAddress.Parse(to));
            message.Subject = mail.Subject;
            message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
            await transport.SendAsync(message, cancellationToken);
        }
    }

    public async Task<string> HtmlAsync(PortalMail mail)
    {
        // The renderer asks for scoped services of Blazor's own: it gets a scope of its own, as a request would.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var rendered = await renderer.RenderComponentAsync<MailHtml>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MailHtml.Mail)] = mail }));
            return rendered.ToHtmlString();
        });
    }

    /// <summary>The plain-text part: the HTML template's content, line for line, with each link's address written out.</summary>
    public static string Text(PortalMail mail)
    {
        var text = new StringBuilder();
        text.Append(mail.Heading).Append("\n\n");
        foreach (var paragraph in mail.Paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }
        if (mail.Facts.Count > 0)
        {
            var width = mail.Facts.Max(fact => fact.Label.Length);
            foreach (var (label, value) in mail.Facts)
            {
                text.Append(label.PadRight(width)).Append("  ").Append(value).Append('\n');
            }
            text.Append('\n');
        }
        if (mail.Action is { } action)
        {
            text.Append(action.Label).Append(":\n").Append(action.Url).Append("\n\n");
        }
        text.Append("--\n").Append(mail.Why).Append('\n');
        text.Append(mail.Manage.Label).Append(": ").Append(mail.Manage.Url).Append('\n');
        return text.ToString();
    }
}
