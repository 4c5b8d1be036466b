using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.Accounts;

/// <summary>Identity's password hasher, counting its verifications.</summary>
public sealed class WithCountingHasher : PortalSetup
{
    public CountingHasher Hasher { get; } = new();

    public override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IPasswordHasher<PortalUser>>(Hasher);
}

/// <summary>Identity's own hasher, counting its verifications.</summary>
public sealed class CountingHasher : IPasswordHasher<PortalUser>
{
    private readonly PasswordHasher<PortalUser> inner = new();
    private int verifications;

    public int Verifications => Volatile.Read(ref verifications);

    public string HashPassword(PortalUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>Nothing the log-in and sign-up pages answer tells a stranger whether an e-mail address has an account.</summary>
public sealed class AccountEnumerationTests(PortalFactory<WithCountingHasher> fixture) : IClassFixture<PortalFactory<WithCountingHasher>>
{
    private PortalFactory<WithCountingHasher> Portal => fixture;

    private async Task RegisterAsync(string email, string password, bool confirmed = true)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var (result, _) = await scope.ServiceProvider.GetRequiredService<AccountLifecycle>().RegisterAsync(email, password, emailConfirmed: confirmed);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task An_unknown_address_costs_the_same_password_check_as_a_known_one()
    {
        await RegisterAsync("known@example.com", "the known password");
        var browser = Portal.NewBrowser();

        var before = fixture.Setup.Hasher.Verifications;
        var known = await browser.LogInAsync("known@example.com", "a wrong password");
        var afterKnown = fixture.Setup.Hasher.Verifications;
        var unknown = await browser.LogInAsync("nobody-here@example.com", "a wrong password");
        var afterUnknown = fixture.Setup.Hasher.Verifications;

        Assert.Equal((1, 1), (afterKnown - before, afterUnknown - afterKnown));
        Assert.Contains("Wrong e-mail or password", known.Text);
        Assert.Contains("Wrong e-mail or password", unknown.Text);
    }

    [Fact]
    public async Task An_unconfirmed_account_says_so_only_to_whoever_has_its_password()
    {
        await RegisterAsync("unconfirmed@example.com", "the right password", confirmed: false);
        var browser = Portal.NewBrowser();

        var wrong = await browser.LogInAsync("unconfirmed@example.com", "not the password");
        var right = await browser.LogInAsync("unconfirmed@example.com", "the right password");

        Assert.Contains("Wrong e-mail or password", wrong.Text);
        Assert.DoesNotContain("confirm your e-mail", wrong.Text);
        Assert.Contains("confirm your e-mail", right.Text);
    }

    [Fact]
    public async Task An_unknown_address_is_locked_out_after_five_failures_like_a_real_account()
    {
        var browser = Portal.NewBrowser();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal("/Account/Login", (await browser.LogInAsync("ghost@example.com", $"guess {attempt}")).Path);
        }
        var fifth = await browser.LogInAsync("ghost@example.com", "guess 5");
        var sixth = await browser.LogInAsync("ghost@example.com", "guess 6");

        Assert.Equal(("/Account/Lockout", "/Account/Lockout"), (fifth.Path, sixth.Path));
    }

    [Fact]
    public async Task Signing_up_with_a_taken_address_looks_like_any_sign_up_and_mails_the_owner_instead()
    {
        await RegisterAsync("taken@example.com", "the owner's password");
        var browser = Portal.NewBrowser();
        var register = await browser.GetAsync("/Account/Register");

        var answer = await browser.SubmitAsync(register, "form[method=post]", new Dictionary<string, string>
        {
            ["Input.Email"] = "taken@example.com",
            ["Input.Password"] = "an intruder's password",
            ["Input.ConfirmPassword"] = "an intruder's password",
        });

        Assert.Equal("/Account/RegisterConfirmation", answer.Path);
        Assert.Contains("Check your e-mail", answer.Text);
        Assert.DoesNotContain("taken", answer.Text.Replace("taken@example.com", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        var mail = await MailPickup.LatestToAsync(Portal.Paths, "taken@example.com");
        Assert.Equal("You already have a Konvrt account", mail.Subject);
        Assert.Contains("/Account/ForgotPassword", mail.HtmlBody, StringComparison.Ordinal);
        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Users.CountAsync(user => user.Email == "taken@example.com"));
    }

    [Fact]
    public async Task A_typed_password_is_never_written_back_into_the_page()
    {
        await RegisterAsync("echo@example.com", "the echo password");
        var browser = Portal.NewBrowser();

        var failedLogIn = await browser.LogInAsync("echo@example.com", "typed-secret-4711");
        var register = await browser.GetAsync("/Account/Register");
        var refusedSignUp = await browser.SubmitAsync(register, "form[method=post]", new Dictionary<string, string>
        {
            ["Input.Email"] = "not an e-mail address",
            ["Input.Password"] = "typed-secret-4712",
            ["Input.ConfirmPassword"] = "typed-secret-4712",
        });

        Assert.Contains("Wrong e-mail or password", failedLogIn.Text);
        Assert.DoesNotContain("typed-secret-4711", failedLogIn.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("/Account/Register", refusedSignUp.Path);
        Assert.DoesNotContain("typed-secret-4712", refusedSignUp.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }
}
