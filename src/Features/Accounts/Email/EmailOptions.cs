namespace Konvrt.Portal.Features.Accounts.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string FromAddress { get; set; } = "no-reply@konvrt.local";
    public string FromName { get; set; } = "Konvrt";
    /// <summary>When set, mail goes out over SMTP; otherwise it is written to the data folder's mail pickup.</summary>
    public SmtpOptions? Smtp { get; set; }
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    /// <summary>StartTls on 587, SslOnConnect on 465, None only for a relay on a trusted network.</summary>
    public MailKit.Security.SecureSocketOptions Security { get; set; } = MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
