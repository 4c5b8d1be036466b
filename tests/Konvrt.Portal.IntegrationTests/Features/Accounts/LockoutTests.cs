using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.Accounts;

public sealed class LockoutTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_the_sixth_attempt_is_refused_even_with_the_right_password()
    {
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var (result, _) = await scope.ServiceProvider.GetRequiredService<AccountLifecycle>()
                .RegisterAsync("bob@example.com", "the right password", emailConfirmed: true);
            Assert.True(result.Succeeded);
        }
        var browser = portal.NewBrowser();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await browser.LogInAsync("bob@example.com", $"wrong password {attempt}");
            Assert.Equal("/Account/Login", wrong.Path);
            Assert.Contains("Wrong e-mail or password", wrong.Text);
        }
        var fifth = await browser.LogInAsync("bob@example.com", "wrong password 5");
        Assert.Equal("/Account/Lockout", fifth.Path);

        var sixth = await browser.LogInAsync("bob@example.com", "the right password");

        Assert.Equal("/Account/Lockout", sixth.Path);
        Assert.Contains("locked out", sixth.Text);
        var dashboard = await browser.GetAsync("/dashboard");
        Assert.Equal("/Account/Login", dashboard.Path);
    }
}
