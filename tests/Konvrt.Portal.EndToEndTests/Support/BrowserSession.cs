using Konvrt.Portal.TestSupport;
using System.Text.Json;
using Microsoft.Playwright;
using MimeKit;

namespace Konvrt.Portal.EndToEndTests.Support;

/// <summary>One portal process and one chromium for all journeys; each journey gets a fresh browser context.</summary>
public sealed class BrowserSession : IAsyncLifetime
{
    public const string Password = "end to end password";

    private IPlaywright? playwright;
    private IBrowser? browser;
    private string? axeScript;

    public PortalServer Server { get; } = new();

    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        if (Server.BaseUrl.Length == 0)
        {
            return;
        }
        Directory.CreateDirectory(ScreenshotFolder);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            // Debian's chromium as root in a container; no background traffic on a closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            // Lets the accessibility check inject axe-core past the portal's Content-Security-Policy.
            BypassCSP = true,
        });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = Server.BaseUrl });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task ScreenshotAsync(IPage page, string journey, string step) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{journey}-{step}.png"), FullPage = true });

    /// <summary>A confirmed user made with the admin CLI, logged in through the real form; lands on the dashboard.</summary>
    /// <param name="siteAdministrator">Made with <c>--admin</c>: the admin console is theirs.</param>
    public async Task<(IPage Page, string Email)> SignedInAsync(
        string journey, int width = 1280, int height = 900, string? plan = null, bool siteAdministrator = false)
    {
        var email = $"{journey}-{Guid.NewGuid():N}@example.com";
        await Server.AdminAsync(["admin", "create-user", "--email", email, "--password", Password, .. siteAdministrator ? new[] { "--admin" } : []]);
        if (plan is not null)
        {
            await Server.AdminAsync("admin", "set-plan", "--email", email, "--plan", plan);
        }
        var page = await NewPageAsync(width, height);
        await LogInAsync(page, email);
        return (page, email);
    }

    /// <summary>A photo from the shared test images, copied beside the tests.</summary>
    public static string TestImage(string name) => Path.Combine(AppContext.BaseDirectory, "TestImages", name);

    /// <summary>Fills and sends the sign-up form of the page already open (the register page, however reached).</summary>
    public static async Task SignUpAsync(IPage page, string email)
    {
        await page.FillAsync("[id='Input.Email']", email);
        await page.FillAsync("[id='Input.Password']", Password);
        await page.FillAsync("[id='Input.ConfirmPassword']", Password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync("**/Account/RegisterConfirmation**");
    }

    public static async Task LogInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("[id='Input.Email']", email);
        await page.FillAsync("[id='Input.Password']", Password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync("**/dashboard");
        await InteractiveAsync(page);
    }

    /// <summary>Opens a portal page and waits until it is interactive, as a user's first click would need.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await InteractiveAsync(page);
    }

    /// <summary>The prerendered page has been taken over by the live one (the layout says so).</summary>
    public static Task InteractiveAsync(IPage page) => page.WaitForSelectorAsync("[data-interactive=true]");

    /// <summary>The link in the newest mail to <paramref name="recipient"/> in the app's mail pickup.</summary>
    public Task<string> LinkMailedToAsync(string recipient) => Eventually.ValueAsync<string>(async () =>
    {
        foreach (var file in Directory.Exists(Server.MailFolder) ? Directory.GetFiles(Server.MailFolder, "*.eml").OrderDescending().ToArray() : [])
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(mailbox => mailbox.Address == recipient))
            {
                var html = message.HtmlBody ?? "";
                var start = html.IndexOf("href=\"", StringComparison.Ordinal) + "href=\"".Length;
                return System.Net.WebUtility.HtmlDecode(html[start..html.IndexOf('"', start)]);
            }
        }
        return null;
    }, $"a mail to {recipient}", TimeSpan.FromSeconds(10));

    /// <summary>axe-core (from npm) run in the page as it stands: a violation of any impact fails the journey.</summary>
    public async Task AssertAccessibleAsync(IPage page, string name)
    {
        var found = await AccessibilityViolationsAsync(page);
        Assert.True(found.Count == 0, $"Accessibility violations on {name}:\n{string.Join('\n', found)}");
    }

    /// <summary>Every axe-core violation in the page, of any impact, one line each with up to three of its elements.</summary>
    public async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        axeScript ??= await AxeCore.ScriptAsync();
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = axeScript });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×) ${v.nodes.slice(0, 3).map(n => n.target.join(' ') + (n.any[0]?.message ? ' [' + n.any[0].message + ']' : '')).join(' | ')}`)
            """);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalInABrowser : ICollectionFixture<BrowserSession>
{
    public const string Name = "portal in a browser";
}
