using System.Net;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.Accounts;

public sealed class SignUpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Password = "a long enough password";

    private static Dictionary<string, string> Registration(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    [Fact]
    public async Task An_anonymous_visit_to_a_portal_page_is_sent_to_log_in()
    {
        using var client = portal.NewClientWithoutRedirects();

        using var response = await client.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fdashboard", response.Headers.Location.Query);
    }

    [Fact]
    public async Task Sign_up_confirm_through_the_mail_pickup_and_log_in_lands_on_the_dashboard_of_a_personal_workspace()
    {
        var browser = portal.NewBrowser();
        var register = await browser.GetAsync("/Account/Register");

        var checkMail = await browser.SubmitAsync(register, "form[method=post]", Registration("alice@example.com", Password));

        Assert.Equal("/Account/RegisterConfirmation", checkMail.Path);
        Assert.Contains("Check your e-mail", checkMail.Text);
        Assert.DoesNotContain("ConfirmEmail", checkMail.Document.DocumentElement.OuterHtml);

        var tooEarly = await browser.LogInAsync("alice@example.com", Password);
        Assert.Equal("/Account/Login", tooEarly.Path);
        Assert.Contains("confirm your e-mail", tooEarly.Text);

        var mail = await MailPickup.LatestToAsync(portal.Paths, "alice@example.com");
        MailPickup.AssertExplained(mail, "this address was used to sign up for Konvrt", "Account/Manage");
        var confirmed = await browser.GetAsync(MailPickup.FirstLink(mail));
        Assert.Contains("Thank you for confirming your e-mail", confirmed.Text);

        var dashboard = await browser.LogInAsync("alice@example.com", Password);

        Assert.Equal(HttpStatusCode.OK, dashboard.Response.StatusCode);
        Assert.Equal("/dashboard", dashboard.Path);
        Assert.Equal("alice's workspace", dashboard.Document.QuerySelector("[data-testid=dashboard-workspace]")?.TextContent.Trim());
        Assert.Contains("Free plan", dashboard.Text);
    }

    [Fact]
    public async Task Sign_up_refuses_a_password_under_ten_characters_and_creates_nothing()
    {
        var browser = portal.NewBrowser();
        var register = await browser.GetAsync("/Account/Register");

        var refused = await browser.SubmitAsync(register, "form[method=post]", Registration("shorty@example.com", "nine char"));

        Assert.Equal("/Account/Register", refused.Path);
        Assert.Contains("at least 10 characters", refused.Text);
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.False(await db.Users.AnyAsync(user => user.Email == "shorty@example.com"));
    }

    [Fact]
    public async Task Every_new_user_gets_exactly_one_personal_workspace_they_own()
    {
        var browser = portal.NewBrowser();
        var register = await browser.GetAsync("/Account/Register");
        await browser.SubmitAsync(register, "form[method=post]", Registration("owner@example.com", Password));

        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == "owner@example.com");
        var membership = await db.WorkspaceMembers.SingleAsync(m => m.UserId == user.Id);
        var workspace = await db.Workspaces.SingleAsync(w => w.Id == membership.WorkspaceId);
        Assert.Equal(Konvrt.Portal.Features.Workspaces.WorkspaceRole.Owner, membership.Role);
        Assert.True(workspace.IsPersonal);
        Assert.Equal(Konvrt.Portal.Features.Workspaces.WorkspacePlan.Free, workspace.Plan);
    }
}
