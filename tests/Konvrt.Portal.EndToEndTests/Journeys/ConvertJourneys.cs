using Konvrt.Portal.EndToEndTests.Support;
using Microsoft.Playwright;

namespace Konvrt.Portal.EndToEndTests.Journeys;

/// <summary>The Convert page as people use it for a batch: moving around while it runs, comparing, the keyboard alone.</summary>
[Collection(PortalInABrowser.Name)]
public sealed class ConvertJourneys(BrowserSession session)
{
    private static readonly string[] FiveImages =
    [
        "photo1_olympus-ep3_4032x3024.jpg", "photo2_nokia83_4608x1976.jpg", "photo3_iphone6_3264x2448.jpg",
        "heic1_iphone13pro_pug_4032x3024.heic", "alpha_paper_2048x1536.png",
    ];

    [BrowserFact]
    public async Task A_batch_carries_on_while_the_user_looks_at_the_job_history_and_is_there_with_its_options_on_return()
    {
        var (page, _) = await session.SignedInAsync("batch");
        await BrowserSession.OpenAsync(page, "/convert");
        await page.ClickAsync("[data-testid=preset-thumbnail]");
        // A slow uplink (2 Mbit/s), so that files are still waiting and uploading when the user walks away.
        var network = await page.Context.NewCDPSessionAsync(page);
        await network.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 20, ["downloadThroughput"] = -1, ["uploadThroughput"] = 250_000,
        });

        await page.SetInputFilesAsync(".kv-drop-wrapper input[type=file]", FiveImages.Select(BrowserSession.TestImage));
        var rows = page.Locator("[data-testid=upload-card]");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        // Three go up side by side; the others wait their turn.
        await Assertions.Expect(page.Locator("[data-testid=upload-card][data-phase=uploading]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=upload-card][data-phase=waiting]")).ToHaveCountAsync(2);
        // A second drop while the first still waits: the first drop's files are not forgotten.
        await page.SetInputFilesAsync(".kv-drop-wrapper input[type=file]", BrowserSession.TestImage("anim_rotating_earth_400x400.gif"));
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("[data-testid=upload-card][data-phase=waiting]")).ToHaveCountAsync(3);
        await session.ScreenshotAsync(page, "batch", "1-uploading");

        // Account settings need a full page load, which would end the uploads: the page asks first, and staying keeps them going.
        var asked = new TaskCompletionSource<string>();
        void Ask(object? sender, IDialog dialog)
        {
            asked.TrySetResult(dialog.Type);
            _ = dialog.DismissAsync();
        }
        page.Dialog += Ask;
        await page.ClickAsync("[data-testid=nav-drawer] a[href='Account/Manage']");
        Assert.Equal("confirm", await asked.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        page.Dialog -= Ask;
        await Assertions.Expect(page.Locator("[data-testid=drop-zone]")).ToBeVisibleAsync();
        Assert.EndsWith("/convert", page.Url, StringComparison.Ordinal);

        await page.ClickAsync("[data-testid=nav-drawer] a[href='jobs']");
        await page.WaitForURLAsync("**/jobs");
        // The kept Convert page hides in the render after the new page's: until then both headings show, and a locator
        // matching two elements fails at once instead of waiting.
        await Assertions.Expect(page.Locator("[data-testid=convert-keeper]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("h1:visible")).ToHaveTextAsync("Job history");
        await session.ScreenshotAsync(page, "batch", "2-away");
        await network.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1,
        });

        await page.ClickAsync("[data-testid=nav-drawer] a[href='convert']");
        await page.WaitForURLAsync("**/convert");
        await Assertions.Expect(page.Locator("[data-testid=upload-card][data-phase=completed]")).ToHaveCountAsync(6, new() { Timeout = 180_000 });
        await Assertions.Expect(page.Locator("[data-testid=preset-description]")).ToContainTextAsync("300");
        await Assertions.Expect(page.Locator("[data-testid=batch-announcement]")).ToHaveTextAsync("6 converted");
        await session.ScreenshotAsync(page, "batch", "3-back-all-converted");

        await BrowserSession.OpenAsync(page, "/jobs");
        await Assertions.Expect(page.Locator("[data-testid=job-grid] tbody tr")).ToHaveCountAsync(6);

        // The options are remembered on this device for the next visit, even after a full reload.
        await BrowserSession.OpenAsync(page, "/convert");
        await Assertions.Expect(page.Locator("[data-testid=preset-description]")).ToContainTextAsync("300");
    }

    [BrowserFact]
    public async Task A_result_opens_into_a_before_and_after_split_that_the_slider_and_the_keyboard_move_and_that_zooms_to_actual_size()
    {
        var (page, _) = await session.SignedInAsync("compare");
        await BrowserSession.OpenAsync(page, "/convert");
        await page.SetInputFilesAsync(".kv-drop-wrapper input[type=file]", [BrowserSession.TestImage("alpha_paper_2048x1536.png"), BrowserSession.TestImage("photo3_iphone6_3264x2448.jpg")]);
        await Assertions.Expect(page.Locator("[data-testid=upload-card][data-phase=completed]")).ToHaveCountAsync(2, new() { Timeout = 120_000 });
        var png = page.Locator("[data-testid=upload-card]", new() { HasText = "alpha_paper" });
        await Assertions.Expect(png.Locator("[data-testid=saved-percent]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[−+]\d+\.\d %$"));
        await session.ScreenshotAsync(page, "compare", "1-rows");

        await png.Locator("[data-testid=compare]").ClickAsync();
        var split = png.Locator(".kv-split");
        await Assertions.Expect(png.Locator("[data-testid=after-preview]")).ToHaveJSPropertyAsync("complete", true);
        await Assertions.Expect(split).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("kv-split--alpha"));
        // The original is drawn small for the split (a HEIC could not be shown at all otherwise), and full size only to zoom.
        await Assertions.Expect(png.Locator("[data-testid=before-image]")).ToHaveJSPropertyAsync("naturalWidth", 640);
        await split.ScrollIntoViewIfNeededAsync();
        var box = (await split.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width * 0.25f, box.Y + box.Height / 2);
        Assert.InRange(await SplitAsync(split), 20, 30);
        await session.ScreenshotAsync(page, "compare", "2-split-at-a-quarter");

        await png.Locator("[data-testid=split-range]").FocusAsync();
        await page.Keyboard.PressAsync("End");
        Assert.Equal(100, await SplitAsync(split));
        await page.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal(99, await SplitAsync(split));

        await png.Locator("input[data-testid=actual-size]").CheckAsync();
        await Assertions.Expect(split).ToHaveAttributeAsync("style", "width:1200px;height:900px");
        await Assertions.Expect(png.Locator("[data-testid=before-image]")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(@"\?size=1200$"));
        await Assertions.Expect(png.Locator("[data-testid=before-image]")).ToHaveJSPropertyAsync("naturalWidth", 1200);
        await session.ScreenshotAsync(page, "compare", "3-actual-size");

        // A JPEG has no see-through parts: no checkerboard behind it.
        var jpeg = page.Locator("[data-testid=upload-card]", new() { HasText = "photo3_iphone6" });
        await jpeg.Locator("[data-testid=compare]").ClickAsync();
        await Assertions.Expect(jpeg.Locator(".kv-split")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("kv-split--alpha"));
        await session.AssertAccessibleAsync(page, "the convert page with results and a comparison open");
    }

    [BrowserFact]
    public async Task The_whole_convert_and_download_journey_works_with_the_keyboard_alone()
    {
        var (page, _) = await session.SignedInAsync("keyboard");
        await BrowserSession.OpenAsync(page, "/convert");

        // Before the app bar's first control is the skip link, shown once focused, which lands in the main content past the navigation.
        await page.FocusAsync("[data-testid=nav-toggle]");
        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(page.Locator("a.kv-skip-link")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("a.kv-skip-link")).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();

        await TabToAsync(page, "[data-testid=preset-avatar]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=preset-description]")).ToContainTextAsync("200 × 200");

        await TabToAsync(page, ".kv-drop-wrapper input[type=file]");
        // Tab reached it; Enter is pressed on the input as it is now (the live page may have redrawn it since the focus
        // check), which is still the keyboard's Enter on the focused file input.
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator(".kv-drop-wrapper input[type=file]").PressAsync("Enter"));
        await chooser.SetFilesAsync(BrowserSession.TestImage("photo2_nokia83_4608x1976.jpg"));
        await Assertions.Expect(page.Locator("[data-testid=upload-card][data-phase=completed]")).ToHaveCountAsync(1, new() { Timeout = 120_000 });

        await TabToAsync(page, "[data-testid=download]");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Equal("photo2_nokia83_4608x1976.webp", download.SuggestedFilename);
        await session.ScreenshotAsync(page, "keyboard", "1-downloaded");
    }

    [BrowserFact]
    public async Task On_a_phone_the_home_page_convert_and_the_dashboard_fit_the_screen()
    {
        var visitor = await session.NewPageAsync(390, 844);
        await visitor.GotoAsync("/");
        await session.ScreenshotAsync(visitor, "phone", "3-landing");
        Assert.True(await FitsAsync(visitor, "[data-testid=landing-curl]"), "the landing page's curl example scrolls sideways on a phone");
        Assert.True(await FitsAsync(visitor, "body"), "the landing page is wider than a phone");

        var (page, _) = await session.SignedInAsync("phone-convert", width: 390, height: 844);
        await BrowserSession.OpenAsync(page, "/convert");
        await Assertions.Expect(page.GetByText("Tap to choose photos")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Drop images here or click to choose")).ToBeHiddenAsync();
        await page.SetInputFilesAsync(".kv-drop-wrapper input[type=file]", [BrowserSession.TestImage("heic2_iphone13promax_3024x4032.heic")]);
        await Assertions.Expect(page.Locator("[data-testid=upload-card][data-phase=completed]")).ToHaveCountAsync(1, new() { Timeout = 120_000 });
        await page.Locator("[data-testid=compare]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=after-preview]")).ToHaveJSPropertyAsync("complete", true);
        await session.ScreenshotAsync(page, "phone", "4-convert-result");
        Assert.True(await FitsAsync(page, "body"), "the convert page with a result is wider than a phone");
        // The name is cut with an ellipsis, whole in its title, rather than broken mid-word.
        await Assertions.Expect(page.Locator("[data-testid=upload-name]")).ToHaveCSSAsync("white-space", "nowrap");

        await BrowserSession.OpenAsync(page, "/dashboard");
        await session.ScreenshotAsync(page, "phone", "5-dashboard");
        Assert.True(await FitsAsync(page, "body"), "the dashboard is wider than a phone");
    }

    /// <summary>Nothing in <paramref name="selector"/> reaches past its own width (no sideways scrolling).</summary>
    private static Task<bool> FitsAsync(IPage page, string selector) =>
        page.EvaluateAsync<bool>("selector => { const element = document.querySelector(selector); return element.scrollWidth <= element.clientWidth + 1; }", selector);

    private static async Task<double> SplitAsync(ILocator split) =>
        double.Parse((await split.EvaluateAsync<string>("element => element.style.getPropertyValue('--split')")).TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus, as a keyboard user would; fails if it never does.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var press = 0; press < 80; press++)
        {
            if (await page.EvaluateAsync<bool>("selector => document.activeElement?.matches(selector) === true", selector))
            {
                // The focus ring is visible where the keyboard is.
                var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle + getComputedStyle(document.activeElement).boxShadow");
                Assert.NotEqual("nonenone", outline);
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {selector}");
    }
}
