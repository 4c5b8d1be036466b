using Konvrt.Portal.EndToEndTests.Support;
using Microsoft.Playwright;

namespace Konvrt.Portal.EndToEndTests.Journeys;

/// <summary>
/// Every page of the portal, with something on it, checked by axe-core in light and in dark mode: no violation of
/// any impact (WCAG 2.2 A and AA and axe's best practices).
/// </summary>
[Collection(PortalInABrowser.Name)]
public sealed class AccessibilityJourneys(BrowserSession session)
{
    [BrowserFact]
    public async Task Every_page_passes_axe_with_no_violations_in_light_and_in_dark_mode()
    {
        await using var receiver = LoopbackReceiver.Start();
        var violations = new List<string>();
        var anonymous = await session.NewPageAsync();
        foreach (var (path, name) in new[] { ("/", "landing"), ("/Account/Login", "log in"), ("/Account/Register", "sign up"), ("/Account/ForgotPassword", "forgot password"), ("/problems", "problem types"), ("/no-such-page", "page not found") })
        {
            await anonymous.GotoAsync(path);
            violations.AddRange((await session.AccessibilityViolationsAsync(anonymous)).Select(violation => $"{name} (signed out, light): {violation}"));
        }

        // A site administrator: the admin console's pages are swept too.
        var (page, _) = await session.SignedInAsync("axe", plan: "pro", siteAdministrator: true);
        // Empty states first: a new workspace's pages, before anything is in them.
        foreach (var path in new[] { "/jobs", "/api-keys", "/webhooks", "/presets", "/storage" })
        {
            await BrowserSession.OpenAsync(page, path);
            violations.AddRange((await session.AccessibilityViolationsAsync(page)).Select(violation => $"{path} (empty, light): {violation}"));
        }
        await page.GotoAsync("/");
        // Signed in, the home page leads back into the app rather than to a sign-up.
        await Assertions.Expect(page.Locator("[data-testid=open-dashboard]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=sign-up]").CountAsync());
        var (jobId, endpointId) = await SomethingOnEveryPageAsync(page, receiver.Url);
        var pages = new (string Path, string Name, string ReadySelector)[]
        {
            ("/", "landing (signed in)", "h1"),
            ("/dashboard", "dashboard", "[data-testid=dashboard-workspace]"),
            ("/convert", "convert", "[data-testid=drop-zone]"),
            ("/jobs", "job history", "[data-testid=job-grid] tbody tr"),
            ($"/jobs?job={jobId}", "job history with the details dialog open", "[data-testid=job-details]"),
            ($"/jobs/{jobId}", "a job's page", "[data-testid=job-page]"),
            ("/presets", "presets", "[data-testid=add-preset]"),
            ("/storage", "storage", "[data-testid=add-storage]"),
            ("/billing", "billing", "[data-testid=billing-balance]"),
            ("/api-keys", "API keys", "[data-testid=create-key]"),
            ("/api-quickstart", "API quickstart", "h1"),
            ("/webhooks", "webhooks", "[data-testid=add-webhook]"),
            ($"/webhooks/{endpointId}", "a webhook endpoint and its deliveries", "[data-testid=delivery]"),
            ("/webhooks/job-urls", "deliveries to conversions' own webhook URLs", "h1"),
            ("/members", "members", "h1"),
            ("/audit", "audit log", "[data-testid=audit-log]"),
            ("/Account/Manage", "account settings", "h1"),
            ("/Account/Manage/Email", "e-mail settings", "h1"),
            ("/Account/Manage/ChangePassword", "password settings", "h1"),
            ("/Account/Manage/TwoFactorAuthentication", "two-factor settings", "h1"),
            ("/Account/Manage/PersonalData", "personal data", "h1"),
            ("/problems", "problem types", "h1"),
            ("/admin", "admin console", "[data-testid=admin-queue]"),
            ("/admin/users", "admin users", "[data-testid=user-email]"),
            ("/admin/workspaces", "admin workspaces", "[data-testid=workspace-name]"),
            ("/admin/jobs", "admin failed jobs", "[data-testid=admin-jobs]"),
        };
        foreach (var mode in new[] { "light", "dark" })
        {
            await SetModeAsync(page, dark: mode == "dark");
            foreach (var (path, name, ready) in pages)
            {
                await page.GotoAsync(path);
                await page.Locator(ready).First.WaitForAsync();
                if (await page.Locator("[data-interactive]").CountAsync() > 0)
                {
                    await BrowserSession.InteractiveAsync(page);
                }
                violations.AddRange((await session.AccessibilityViolationsAsync(page)).Select(violation => $"{name} ({mode}): {violation}"));
                await session.ScreenshotAsync(page, "axe", $"{mode}-{name.Replace(' ', '-').Replace("'", "")}");
            }
        }
        // Account settings sit in the app's frame: its navigation is there, not a separate site.
        await page.GotoAsync("/Account/Manage");
        await Assertions.Expect(page.Locator(".kv-static-nav a[href='convert']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=profile]")).Not.ToContainTextAsync("Phone");
        // All pages first, then one list: a fix is seen against every page it touches.
        Assert.True(violations.Count == 0, $"{violations.Count} accessibility violations:\n{string.Join('\n', violations)}");
    }

    /// <summary>A converted image, a webhook endpoint with a delivery, an API key: the pages show rows, not only empty states.</summary>
    private static async Task<(string JobId, string EndpointId)> SomethingOnEveryPageAsync(IPage page, string webhookUrl)
    {
        await BrowserSession.OpenAsync(page, "/convert");
        await page.SetInputFilesAsync(".kv-drop-wrapper input[type=file]", BrowserSession.TestImage("photo3_iphone6_3264x2448.jpg"));
        await Assertions.Expect(page.Locator("[data-testid=upload-card][data-phase=completed]")).ToHaveCountAsync(1, new() { Timeout = 120_000 });
        var jobId = (await page.Locator("[data-testid=download]").GetAttributeAsync("href"))!.Split('/')[2];

        await BrowserSession.OpenAsync(page, "/webhooks");
        await page.ClickAsync("[data-testid=add-webhook]");
        await page.FillAsync("input[data-testid=webhook-url]", webhookUrl);
        await page.ClickAsync("[data-testid=webhook-save]");
        await page.ClickAsync("[data-testid=webhook-secret-done]");
        await page.ClickAsync("[data-testid=webhook-log]");
        await page.WaitForURLAsync("**/webhooks/*");
        await BrowserSession.InteractiveAsync(page);
        await page.ClickAsync("[data-testid=send-test]");
        await Assertions.Expect(page.Locator("[data-testid=delivery][data-status=delivered]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var endpointId = new Uri(page.Url).Segments[^1];

        await BrowserSession.OpenAsync(page, "/api-keys");
        await page.ClickAsync("[data-testid=create-key]");
        await page.FillAsync("input[data-testid=key-name]", "Accessibility");
        await page.ClickAsync("[data-testid=create-key-confirm]");
        await page.ClickAsync("[data-testid=new-key-done]");
        return (jobId, endpointId);
    }

    private static async Task SetModeAsync(IPage page, bool dark)
    {
        await BrowserSession.OpenAsync(page, "/dashboard");
        var isDark = await page.EvaluateAsync<bool>("() => document.querySelector('.mud-theme-dark, [data-dark=true]') !== null || getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).reduce((a, b) => a + +b, 0) < 200");
        if (isDark != dark)
        {
            await page.ClickAsync("[data-testid=theme-toggle]");
            await page.WaitForFunctionAsync($"() => (getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).reduce((a, b) => a + +b, 0) < 200) === {(dark ? "true" : "false")}");
        }
    }
}
