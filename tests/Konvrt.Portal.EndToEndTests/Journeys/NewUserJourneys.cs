using System.Net;
using System.Net.Http.Headers;
using Konvrt.Portal.EndToEndTests.Support;
using Microsoft.Playwright;
using SixLabors.ImageSharp;

namespace Konvrt.Portal.EndToEndTests.Journeys;

/// <summary>What a new user does, in Debian's chromium against the real portal process.</summary>
[Collection(PortalInABrowser.Name)]
public sealed class NewUserJourneys(BrowserSession session)
{
    [BrowserFact]
    public async Task Sign_up_confirm_through_the_mail_log_in_and_land_on_the_dashboard()
    {
        var page = await session.NewPageAsync();
        await page.GotoAsync("/");
        await session.ScreenshotAsync(page, "signup", "1-landing");
        await session.AssertAccessibleAsync(page, "the landing page");

        var email = $"newcomer-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/Account/Register");
        await BrowserSession.SignUpAsync(page, email);
        await session.ScreenshotAsync(page, "signup", "2-check-your-mail");

        await page.GotoAsync(await session.LinkMailedToAsync(email));
        await Assertions.Expect(page.GetByText("Thank you for confirming your e-mail", new() { Exact = false })).ToBeVisibleAsync();
        await BrowserSession.LogInAsync(page, email);
        await Assertions.Expect(page.Locator("[data-testid=dashboard-workspace]")).ToHaveTextAsync(email.Split('@')[0] + "'s workspace");
        await session.ScreenshotAsync(page, "signup", "3-dashboard");
        await session.AssertAccessibleAsync(page, "the dashboard");
    }

    [BrowserFact]
    public async Task Convert_a_jpeg_a_heic_and_a_png_with_the_web_preset_and_download_one()
    {
        var (page, _) = await session.SignedInAsync("convert");
        await BrowserSession.OpenAsync(page, "/convert");
        await page.WaitForSelectorAsync("[data-testid=drop-zone]");
        await Assertions.Expect(page.Locator("[data-testid=preset-description]")).ToContainTextAsync("1200");
        await session.AssertAccessibleAsync(page, "the convert page");

        await page.SetInputFilesAsync("input[type=file]", [BrowserSession.TestImage("photo3_iphone6_3264x2448.jpg"), BrowserSession.TestImage("heic1_iphone13pro_pug_4032x3024.heic"), BrowserSession.TestImage("alpha_paper_2048x1536.png")]);
        await Assertions.Expect(page.Locator("[data-testid=upload-card][data-phase=completed]")).ToHaveCountAsync(3, new() { Timeout = 120_000 });
        await session.ScreenshotAsync(page, "convert", "1-results");

        var heicCard = page.Locator("[data-testid=upload-card]", new() { HasText = "heic1_iphone13pro_pug" });
        var download = await page.RunAndWaitForDownloadAsync(() => heicCard.Locator("[data-testid=download]").ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), "konvrt-e2e-" + download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        var info = Image.Identify(saved);
        File.Delete(saved);
        Assert.Equal("heic1_iphone13pro_pug_4032x3024.webp", download.SuggestedFilename);
        Assert.Equal(("WEBP", 1200), (info.Metadata.DecodedImageFormat?.Name, info.Width));
    }

    [BrowserFact]
    public async Task Create_an_api_key_copy_it_use_it_revoke_it_and_see_401()
    {
        var (page, _) = await session.SignedInAsync("apikey", plan: "pro");
        await BrowserSession.OpenAsync(page, "/api-keys");
        // Escape closes a dialog; Enter in its field does what its main button does.
        await page.ClickAsync("[data-testid=create-key]");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[data-testid=key-name]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=create-key]");
        await page.FillAsync("input[data-testid=key-name]", "End-to-end");
        await page.PressAsync("input[data-testid=key-name]", "Enter");
        await page.WaitForSelectorAsync("[data-testid=new-key]");
        await page.ClickAsync("[data-testid=copy-key]");
        await Assertions.Expect(page.GetByText("Key copied")).ToBeVisibleAsync();
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal((await page.TextContentAsync("[data-testid=new-key]"))!.Trim(), copied);
        await session.ScreenshotAsync(page, "apikey", "1-shown-once");
        await page.ClickAsync("[data-testid=new-key-done]");
        // The name typed before Enter is the key's name: Enter committed the field before it created the key.
        await Assertions.Expect(page.Locator("[data-testid=key-list], table").First).ToContainTextAsync("End-to-end");

        using var api = new HttpClient { BaseAddress = new Uri(session.Server.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", copied);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/account")).StatusCode);

        await page.ClickAsync("[data-testid=revoke-key]");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=key-status]")).ToHaveTextAsync("revoked");
        await session.ScreenshotAsync(page, "apikey", "2-revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/account")).StatusCode);
    }

    [BrowserFact]
    public async Task Buy_the_growth_pack_through_the_simulated_checkout_and_see_five_thousand_more_credits()
    {
        var (page, _) = await session.SignedInAsync("billing");
        await BrowserSession.OpenAsync(page, "/billing");
        await page.WaitForSelectorAsync("[data-testid=pack-growth]");
        var before = int.Parse((await page.TextContentAsync("[data-testid=billing-balance]"))!.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        await session.AssertAccessibleAsync(page, "the billing page");

        await page.ClickAsync("[data-testid=simulate-growth]");
        await page.WaitForURLAsync("**/billing/success**");
        await Assertions.Expect(page.Locator("[data-testid=purchase-state]")).ToHaveAttributeAsync("data-state", "fulfilled");
        await session.ScreenshotAsync(page, "billing", "1-credits-added");

        await BrowserSession.OpenAsync(page, "/billing");
        await Assertions.Expect(page.Locator("[data-testid=billing-balance]")).ToHaveTextAsync((before + 5000).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [BrowserFact]
    public async Task Add_a_webhook_endpoint_see_a_failed_attempt_s_request_and_response_retry_it_now_and_see_it_delivered()
    {
        await using var receiver = LoopbackReceiver.Start();
        receiver.FailuresToGive = 1;
        var (page, _) = await session.SignedInAsync("webhook");
        await BrowserSession.OpenAsync(page, "/webhooks");
        await page.ClickAsync("[data-testid=add-webhook]");
        await page.FillAsync("input[data-testid=webhook-url]", receiver.Url);
        await page.ClickAsync("[data-testid=webhook-save]");
        await Assertions.Expect(page.Locator("[data-testid=webhook-secret]")).ToContainTextAsync("whsec_");
        await page.ClickAsync("[data-testid=webhook-secret-done]");

        await page.ClickAsync("[data-testid=webhook-log]");
        await page.WaitForURLAsync("**/webhooks/*");
        await BrowserSession.InteractiveAsync(page);
        await page.ClickAsync("[data-testid=send-test]");
        var attempts = page.Locator("[data-testid=attempt]");
        await Assertions.Expect(attempts).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=delivery]")).ToHaveAttributeAsync("data-status", "pending");

        // The failed attempt opens to what was sent and what came back.
        await attempts.First.Locator("summary").ClickAsync();
        var first = Assert.Single(receiver.Received);
        await Assertions.Expect(attempts.First.Locator("[data-testid=request-headers]")).ToContainTextAsync("webhook-id" + first.WebhookId);
        await Assertions.Expect(attempts.First.Locator("[data-testid=request-headers]")).ToContainTextAsync("webhook-signaturev1,");
        await Assertions.Expect(attempts.First.Locator("[data-testid=request-body]")).ToContainTextAsync("\"type\": \"webhook.test\"");
        await Assertions.Expect(attempts.First.Locator("[data-testid=response-summary]")).ToContainTextAsync("503 Service Unavailable");
        await Assertions.Expect(attempts.First.Locator("[data-testid=response-headers]")).ToContainTextAsync("x-receiverend-to-end");
        await Assertions.Expect(attempts.First.Locator("[data-testid=response-body]")).ToHaveTextAsync("busy, try later");
        await Assertions.Expect(page.Locator("[data-testid=success-rate]")).ToContainTextAsync("0 %");
        await session.ScreenshotAsync(page, "webhook", "1-failed-attempt-detail");

        // The next try is minutes away: "Retry now" makes it at once, with the same webhook-id.
        await page.ClickAsync("[data-testid=retry-now]");
        await Assertions.Expect(page.Locator("[data-testid=delivery][data-status=delivered]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(attempts).ToHaveCountAsync(2);
        await Assertions.Expect(attempts.First.Locator("[data-testid=attempt-status]")).ToHaveTextAsync("200");
        await Assertions.Expect(page.Locator("[data-testid=success-rate]")).ToContainTextAsync("50 %");
        await session.ScreenshotAsync(page, "webhook", "2-retried-and-delivered");
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, delivery => Assert.Equal(first.WebhookId, delivery.WebhookId));
        Assert.Contains("\"webhook.test\"", first.Body, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Job_history_filters_live_in_the_address_and_a_job_s_page_gives_a_curl_that_runs()
    {
        var (page, _) = await session.SignedInAsync("history", plan: "pro");
        await BrowserSession.OpenAsync(page, "/convert");
        await page.SetInputFilesAsync(".kv-drop-wrapper input[type=file]", [BrowserSession.TestImage("photo2_nokia83_4608x1976.jpg"), BrowserSession.TestImage("anim_rotating_earth_400x400.gif")]);
        await Assertions.Expect(page.Locator("[data-testid=upload-card][data-phase=completed]")).ToHaveCountAsync(2, new() { Timeout = 120_000 });

        // A filtered history is a link: opened, it shows just that.
        await BrowserSession.OpenAsync(page, "/jobs?q=earth&status=completed");
        var rows = page.Locator("[data-testid=job-grid] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("anim_rotating_earth_400x400.gif");
        await Assertions.Expect(page.Locator("input[data-testid=filter-search]")).ToHaveValueAsync("earth");
        await session.ScreenshotAsync(page, "history", "1-filtered-from-the-address");

        // A date preset goes into the address too; Back gives the last filters again.
        await page.ClickAsync("[data-testid=dates-7]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/jobs\?q=earth&status=completed&from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$"));
        await Assertions.Expect(page.Locator("[data-testid=dates-7]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.ClickAsync("[data-testid=clear-filters]");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.GoBackAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"from="));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await page.GoBackAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/jobs\?q=earth&status=completed$"));
        await Assertions.Expect(page.Locator("[data-testid=dates-7]")).ToHaveAttributeAsync("aria-pressed", "false");

        await BrowserSession.OpenAsync(page, "/jobs?status=failed");
        await Assertions.Expect(page.Locator("[data-testid=no-matches]")).ToBeVisibleAsync();

        // Both jobs selected: one zip of both.
        await BrowserSession.OpenAsync(page, "/jobs");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Locator("[data-testid=job-saved]").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[−+]\d+\.\d %$"));
        await rows.Nth(0).Locator("input[type=checkbox]").CheckAsync();
        await rows.Nth(1).Locator("input[type=checkbox]").CheckAsync();
        await Assertions.Expect(page.Locator("[data-testid=selected-count]")).ToHaveTextAsync("2 selected");
        var zip = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=bulk-download]"));
        var zipPath = Path.Combine(Path.GetTempPath(), $"konvrt-e2e-{Guid.NewGuid():N}.zip");
        await zip.SaveAsAsync(zipPath);
        using (var archive = System.IO.Compression.ZipFile.OpenRead(zipPath))
        {
            Assert.Equal(["anim_rotating_earth_400x400.webp", "photo2_nokia83_4608x1976.webp"], archive.Entries.Select(entry => entry.Name).Order());
        }
        File.Delete(zipPath);
        await session.ScreenshotAsync(page, "history", "2-two-selected");

        // A job's own page, and its request as curl, run as copied with a key of this workspace.
        await page.ClickAsync("[data-testid=job-link] >> text=photo2_nokia83_4608x1976.jpg");
        await page.WaitForURLAsync("**/jobs/*");
        await Assertions.Expect(page.Locator("[data-testid=job-stages] tr")).ToHaveCountAsync(6);
        await page.ClickAsync("[data-testid=copy-curl]");
        await Assertions.Expect(page.GetByText("curl command copied")).ToBeVisibleAsync();
        var curl = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        await session.ScreenshotAsync(page, "history", "3-job-page");
        var key = await NewKeyAsync(page);
        var folder = Directory.CreateTempSubdirectory("konvrt-e2e-curl-");
        File.Copy(BrowserSession.TestImage("photo2_nokia83_4608x1976.jpg"), Path.Combine(folder.FullName, "photo2_nokia83_4608x1976.jpg"));
        var run = new System.Diagnostics.ProcessStartInfo("bash", ["-c", curl]) { WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        run.Environment["KONVRT_API_KEY"] = key;
        using var shell = System.Diagnostics.Process.Start(run)!;
        var answer = await shell.StandardOutput.ReadToEndAsync();
        await shell.WaitForExitAsync();
        folder.Delete(recursive: true);
        var job = System.Text.Json.JsonDocument.Parse(answer).RootElement;
        Assert.Equal(("completed", 1200), (job.GetProperty("status").GetString(), job.GetProperty("outputs")[0].GetProperty("width").GetInt32()));
    }

    private static async Task<string> NewKeyAsync(IPage page)
    {
        await BrowserSession.OpenAsync(page, "/api-keys");
        await page.ClickAsync("[data-testid=create-key]");
        await page.FillAsync("input[data-testid=key-name]", "curl");
        await page.ClickAsync("[data-testid=create-key-confirm]");
        var key = (await page.TextContentAsync("[data-testid=new-key]"))!.Trim();
        await page.ClickAsync("[data-testid=new-key-done]");
        return key;
    }

    [BrowserFact]
    public async Task Dark_mode_switches_on_and_is_remembered()
    {
        var (page, _) = await session.SignedInAsync("theme");
        const string background = "() => getComputedStyle(document.body).backgroundColor";
        var light = await page.EvaluateAsync<string>(background);

        await page.ClickAsync("[data-testid=theme-toggle]");
        await page.WaitForFunctionAsync($"() => getComputedStyle(document.body).backgroundColor !== '{light}'");
        var dark = await page.EvaluateAsync<string>(background);
        await session.ScreenshotAsync(page, "theme", "1-dark");
        await page.ReloadAsync();
        await BrowserSession.InteractiveAsync(page);

        Assert.Equal(dark, await page.EvaluateAsync<string>(background));
        Assert.True(Brightness(dark) < Brightness(light), $"dark {dark} is not darker than light {light}");
    }

    [BrowserFact]
    public async Task On_a_phone_the_navigation_folds_into_a_menu()
    {
        var (page, _) = await session.SignedInAsync("phone", width: 390, height: 844);
        var drawer = page.Locator("[data-testid=nav-drawer]");
        var convertLink = drawer.Locator("a[href='convert']");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await Assertions.Expect(convertLink).Not.ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("[data-testid=nav-toggle]")).ToBeVisibleAsync();
        await session.ScreenshotAsync(page, "phone", "1-folded");

        await page.ClickAsync("[data-testid=nav-toggle]");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
        await Assertions.Expect(convertLink).ToBeInViewportAsync();
        // Let the drawer finish sliding in, so the picture shows the menu rather than its motion.
        await page.WaitForTimeoutAsync(500);
        await session.ScreenshotAsync(page, "phone", "2-menu-open");
        // The drawer's slide keeps the link moving for a moment; it is in view, so a forced click is what a thumb does.
        await convertLink.ClickAsync(new LocatorClickOptions { Force = true });
        await page.WaitForURLAsync("**/convert");
    }

    private static double Brightness(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(', StringComparison.Ordinal) + 1)..rgb.IndexOf(')', StringComparison.Ordinal)].Split(',');
        return parts.Take(3).Select(part => double.Parse(part, System.Globalization.CultureInfo.InvariantCulture)).Sum();
    }
}
