using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.Accounts;

/// <summary>A return URL from a query string may point anywhere: log-in follows it only on this site, and never fails over it.</summary>
public sealed class ReturnUrlTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<PortalPage> LogInWithReturnUrlAsync(string returnUrl)
    {
        var email = $"ret-{Guid.NewGuid():N}@example.com";
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var (result, _) = await scope.ServiceProvider.GetRequiredService<AccountLifecycle>().RegisterAsync(email, "return url password", emailConfirmed: true);
            Assert.True(result.Succeeded);
        }
        var browser = portal.NewBrowser();
        var login = await browser.GetAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        return await browser.SubmitAsync(login, "form[method=post]", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "return url password",
        });
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("https:evil.example")]
    [InlineData("http:/evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData(" //evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("HTTPS://EVIL.EXAMPLE/login")]
    [InlineData("http://localhost.evil.example/")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    public async Task A_foreign_return_url_lands_the_signed_in_user_on_the_site_root(string returnUrl)
    {
        var landed = await LogInWithReturnUrlAsync(returnUrl);

        Assert.Equal(200, (int)landed.Response.StatusCode);
        Assert.Equal("localhost", landed.Url.Host);
        Assert.Equal("/", landed.Path);
    }

    [Theory]
    [InlineData("/jobs", "/jobs")]
    [InlineData("billing", "/billing")]
    [InlineData("http://localhost/convert", "/convert")]
    public async Task A_return_url_on_this_site_is_where_log_in_lands(string returnUrl, string path)
    {
        var landed = await LogInWithReturnUrlAsync(returnUrl);

        Assert.Equal(path, landed.Path);
    }
}
