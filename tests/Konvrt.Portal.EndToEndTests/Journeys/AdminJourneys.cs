using Konvrt.Portal.EndToEndTests.Support;
using Microsoft.Playwright;

namespace Konvrt.Portal.EndToEndTests.Journeys;

/// <summary>
/// The admin console in Debian's chromium: what an operator does there, and that nobody else finds it. (Its pages are in
/// the accessibility sweep, light and dark.)
/// </summary>
[Collection(PortalInABrowser.Name)]
public sealed class AdminJourneys(BrowserSession session)
{
    [BrowserFact]
    public async Task An_operator_locks_a_user_grants_credits_and_the_user_finds_no_console_but_the_audit_lines()
    {
        var (customer, customerEmail) = await session.SignedInAsync("customer");
        // A customer who types the address gets the same 404 as for any address that is not there.
        var refused = await customer.GotoAsync("/admin/users");
        Assert.Equal(404, refused!.Status);
        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync("Page not found");
        Assert.Equal(0, await customer.Locator("a[href='admin']").CountAsync());

        var (admin, _) = await session.SignedInAsync("operator", siteAdministrator: true);
        await admin.ClickAsync("a[href='admin']");
        await admin.WaitForURLAsync("**/admin");
        await Assertions.Expect(admin.Locator("[data-testid=admin-queue]")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("[data-testid=database-size]")).ToContainTextAsync("B");
        await session.ScreenshotAsync(admin, "admin", "1-overview");

        // Users: find the customer, lock them after saying yes.
        await admin.ClickAsync("[data-testid=admin-nav] a[href='admin/users']");
        await admin.FillAsync("input[data-testid=user-search]", customerEmail);
        await Assertions.Expect(admin.Locator("[data-testid=user-email]")).ToHaveTextAsync([customerEmail]);
        await admin.ClickAsync("[data-testid=user-lock]");
        await admin.ClickAsync("[data-testid=confirm-yes]");
        await Assertions.Expect(admin.Locator("[data-testid=user-locked]")).ToBeVisibleAsync();
        await session.ScreenshotAsync(admin, "admin", "2-locked");
        var locked = await session.NewPageAsync();
        await locked.GotoAsync("/Account/Login");
        await locked.FillAsync("[id='Input.Email']", customerEmail);
        await locked.FillAsync("[id='Input.Password']", BrowserSession.Password);
        await locked.ClickAsync("form button[type=submit]");
        await locked.WaitForURLAsync("**/Account/Lockout");
        await admin.ClickAsync("[data-testid=user-unlock]");
        await Assertions.Expect(admin.Locator("[data-testid=user-lock]")).ToBeVisibleAsync();

        // Workspaces: grant the customer credits, with the reason their ledger will show.
        await admin.ClickAsync("[data-testid=admin-nav] a[href='admin/workspaces']");
        await admin.FillAsync("input[data-testid=workspace-search]", customerEmail);
        await Assertions.Expect(admin.Locator("[data-testid=workspace-name]")).ToHaveCountAsync(1);
        var before = await admin.Locator("[data-testid=workspace-balance]").InnerTextAsync();
        await admin.ClickAsync("[data-testid=workspace-grant]");
        await admin.FillAsync("input[data-testid=grant-credits]", "300");
        await admin.FillAsync("input[data-testid=grant-reason]", "Sorry for Tuesday's outage");
        await admin.ClickAsync("[data-testid=grant-confirm]");
        await Assertions.Expect(admin.Locator("[data-testid=workspace-balance]")).Not.ToHaveTextAsync(before);
        Assert.Equal(Credits(before) + 300, Credits(await admin.Locator("[data-testid=workspace-balance]").InnerTextAsync()));

        // The customer, signed in again, reads what the operator did in their workspace's audit log.
        var back = await session.NewPageAsync();
        await BrowserSession.LogInAsync(back, customerEmail);
        await BrowserSession.OpenAsync(back, "/audit");
        var actions = back.Locator("[data-testid=audit-action]");
        await Assertions.Expect(actions.First).ToHaveAttributeAsync("data-action", "billing.credits-granted");
        Assert.Equal(["billing.credits-granted", "admin.user-unlocked", "admin.user-locked"],
            (await actions.EvaluateAllAsync<string[]>("cells => cells.map(cell => cell.dataset.action)")).Take(3));
        await Assertions.Expect(back.Locator("[data-testid=audit-log]")).ToContainTextAsync("Sorry for Tuesday's outage");
        await session.ScreenshotAsync(back, "admin", "3-customer-audit");
    }

    /// <summary>A balance as the page writes it (the server's culture: "1,100").</summary>
    private static int Credits(string shown) =>
        int.Parse(shown, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
}
