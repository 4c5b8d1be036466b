using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Konvrt.Portal.IntegrationTests.Features.Accounts;

public sealed class AccountManagementTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<PortalBrowser> SignedInAsync(string email, string password)
    {
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var (result, _) = await scope.ServiceProvider.GetRequiredService<AccountLifecycle>()
                .RegisterAsync(email, password, emailConfirmed: true);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        var browser = portal.NewBrowser();
        Assert.Equal("/dashboard", (await browser.LogInAsync(email, password)).Path);
        return browser;
    }

    private static string CurrentCode(string sharedKey) =>
        new Totp(Base32Encoding.ToBytes(sharedKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();

    [Fact]
    public async Task With_an_authenticator_app_turned_on_log_in_asks_for_its_code_and_then_reaches_the_dashboard()
    {
        var browser = await SignedInAsync("dora@example.com", "dora's password");
        var setup = await browser.GetAsync("/Account/Manage/EnableAuthenticator");
        var sharedKey = setup.Document.QuerySelector("[data-testid=shared-key]")!.TextContent;
        Assert.NotNull(setup.Document.QuerySelector("img[src^='data:image/svg+xml;base64,']"));

        var enabled = await browser.SubmitAsync(setup, "main form[method=post]", new Dictionary<string, string> { ["Input.Code"] = CurrentCode(sharedKey) });
        var codes = enabled.Document.QuerySelector("#recovery-codes")!.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(10, codes.Length);
        // Saved as a file made in the page itself: every code in it, and the codes shown nowhere else.
        var download = enabled.Document.QuerySelector("a[data-testid=download-codes]")!;
        Assert.Equal("konvrt-recovery-codes.txt", download.GetAttribute("download"));
        const string dataUrl = "data:text/plain;charset=utf-8,";
        Assert.StartsWith(dataUrl, download.GetAttribute("href"), StringComparison.Ordinal);
        var file = Uri.UnescapeDataString(download.GetAttribute("href")![dataUrl.Length..]);
        Assert.All(codes, code => Assert.Contains(code, file, StringComparison.Ordinal));
        Assert.Equal("recovery-codes", enabled.Document.QuerySelector("[data-testid=copy-codes]")!.GetAttribute("data-copy-from"));

        var fresh = portal.NewBrowser();
        var challenge = await fresh.LogInAsync("dora@example.com", "dora's password");
        Assert.Equal("/Account/LoginWith2fa", challenge.Path);

        var wrong = await fresh.SubmitAsync(challenge, "main form[method=post]", new Dictionary<string, string> { ["Input.TwoFactorCode"] = "000000" });
        Assert.Contains("not valid", wrong.Text);

        var dashboard = await fresh.SubmitAsync(wrong, "main form[method=post]", new Dictionary<string, string> { ["Input.TwoFactorCode"] = CurrentCode(sharedKey) });
        Assert.Equal("/dashboard", dashboard.Path);
    }

    [Fact]
    public async Task Forgot_password_mails_a_reset_link_that_sets_a_new_password()
    {
        await SignedInAsync("erin@example.com", "erin's old password");
        var browser = portal.NewBrowser();
        var forgot = await browser.GetAsync("/Account/ForgotPassword");
        await browser.SubmitAsync(forgot, "main form[method=post]", new Dictionary<string, string> { ["Input.Email"] = "erin@example.com" });

        var mail = await MailPickup.LatestToAsync(portal.Paths, "erin@example.com");
        Assert.Contains("Reset your Konvrt password", mail.Subject);
        MailPickup.AssertExplained(mail, "someone asked to reset the password", "Account/Manage/ChangePassword");
        var reset = await browser.GetAsync(MailPickup.FirstLink(mail));
        var done = await browser.SubmitAsync(reset, "main form[method=post]", new Dictionary<string, string>
        {
            ["Input.Email"] = "erin@example.com",
            ["Input.Password"] = "erin's new password",
            ["Input.ConfirmPassword"] = "erin's new password",
        });

        Assert.Equal("/Account/ResetPasswordConfirmation", done.Path);
        Assert.Equal("/Account/Login", (await portal.NewBrowser().LogInAsync("erin@example.com", "erin's old password")).Path);
        Assert.Equal("/dashboard", (await portal.NewBrowser().LogInAsync("erin@example.com", "erin's new password")).Path);
    }

    [Fact]
    public async Task Changing_the_email_takes_effect_only_through_the_link_sent_to_the_new_address()
    {
        var browser = await SignedInAsync("finn@example.com", "finn's password");
        var emailPage = await browser.GetAsync("/Account/Manage/Email");
        var sent = await browser.SubmitAsync(emailPage, "form[method=post]:has(#Input\\.NewEmail)",
            new Dictionary<string, string> { ["Input.NewEmail"] = "finn.new@example.com" });
        Assert.Contains("confirmation link to the new address", sent.Text);
        Assert.Equal("/Account/Login", (await portal.NewBrowser().LogInAsync("finn.new@example.com", "finn's password")).Path);

        var mail = await MailPickup.LatestToAsync(portal.Paths, "finn.new@example.com");
        Assert.Equal("Confirm your new Konvrt e-mail address", mail.Subject);
        Assert.Contains("The Konvrt account of finn@example.com asked to use this address", mail.TextBody, StringComparison.Ordinal);
        MailPickup.AssertExplained(mail, "someone signed in to that Konvrt account entered this address", "Account/Manage/Email");
        var confirmed = await browser.GetAsync(MailPickup.FirstLink(mail));

        Assert.Contains("has been changed", confirmed.Text);
        Assert.Equal("/dashboard", (await portal.NewBrowser().LogInAsync("finn.new@example.com", "finn's password")).Path);
    }

    [Fact]
    public async Task Deleting_the_account_needs_the_password_and_removes_the_personal_workspace_too()
    {
        var browser = await SignedInAsync("gus@example.com", "gus's password");
        var delete = await browser.GetAsync("/Account/Manage/DeletePersonalData");

        var refused = await browser.SubmitAsync(delete, "main form[method=post]", new Dictionary<string, string> { ["Input.Password"] = "not gus's password" });
        Assert.Contains("Wrong password", refused.Text);

        var gone = await browser.SubmitAsync(refused, "main form[method=post]", new Dictionary<string, string> { ["Input.Password"] = "gus's password" });

        Assert.Equal("/", gone.Path);
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "gus@example.com"));
        Assert.False(await db.Workspaces.AnyAsync(w => w.Name == "gus's workspace"));
        Assert.Equal("/Account/Login", (await browser.GetAsync("/dashboard")).Path);
    }

    [Fact]
    public async Task Personal_data_downloads_through_its_form_but_not_through_a_post_from_another_site()
    {
        var browser = await SignedInAsync("gina@example.com", "gina's password");

        using var forged = await browser.Client.PostAsync("/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent([]));
        var page = await browser.GetAsync("/Account/Manage/PersonalData");
        var form = page.Document.QuerySelector("form[action='Account/Manage/DownloadPersonalData']")!;
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var genuine = await browser.Client.PostAsync("/Account/Manage/DownloadPersonalData",
            new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));

        Assert.Equal(400, (int)forged.StatusCode);
        Assert.DoesNotContain("gina@example.com", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)genuine.StatusCode);
        Assert.Contains("gina@example.com", await genuine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
