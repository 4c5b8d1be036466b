namespace Konvrt.Portal.Features.Accounts.Email;

/// <summary>A link in a mail: words that say where it goes, and the absolute address.</summary>
public sealed record MailLink(string Label, string Url);

/// <summary>
/// One mail, as every mail the portal sends says it: what happened, in paragraphs and facts; the one thing to do about
/// it; why the reader got it; and the page that changes it. <see cref="MailComposer"/> makes its plain-text and HTML
/// parts from the one template of each.
/// </summary>
/// <param name="Why">Why this reader got this mail, in a sentence ("You own the workspace …").</param>
/// <param name="Manage">The page where the reader changes what the mail is about (their account, the workspace's billing…).</param>
public sealed record PortalMail(string Subject, string Heading, IReadOnlyList<string> Paragraphs, MailLink? Action, string Why, MailLink Manage)
{
    /// <summary>Facts shown as a table (a receipt's lines); empty for most mails.</summary>
    public IReadOnlyList<(string Label, string Value)> Facts { get; init; } = [];
}
