using Konvrt.Portal.EndToEndTests.Support;
using Microsoft.Playwright;

namespace Konvrt.Portal.EndToEndTests.Journeys;

/// <summary>The API reference as a developer reads it, rendered by its script in chromium.</summary>
[Collection(PortalInABrowser.Name)]
public sealed class ApiReferenceJourneys(BrowserSession session)
{
    [BrowserFact]
    public async Task The_reference_is_Konvrts_with_short_operation_names_and_no_vendor_buttons()
    {
        var page = await session.NewPageAsync();

        await page.GotoAsync("/docs/api");
        await Assertions.Expect(page.GetByText("Convert images").First).ToBeVisibleAsync();
        await session.ScreenshotAsync(page, "api-reference", "1-sidebar");

        await Assertions.Expect(page).ToHaveTitleAsync("Konvrt API reference");
        var sidebar = page.GetByRole(AriaRole.Complementary);
        foreach (var tag in new[] { "Conversion", "Jobs", "Account", "Presets", "Storage", "Webhooks" })
        {
            await Assertions.Expect(sidebar.GetByText(tag, new() { Exact = true }).First).ToBeVisibleAsync();
        }
        await sidebar.GetByText("Jobs", new() { Exact = true }).First.ClickAsync();
        foreach (var name in new[] { "Get a job's status", "Download a job's output", "List jobs" })
        {
            await Assertions.Expect(sidebar.GetByText(name, new() { Exact = true }).First).ToBeVisibleAsync();
        }
        await session.ScreenshotAsync(page, "api-reference", "2-jobs");
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var vendor in new[] { "Ask AI", "Generate SDK", "Deploy", "Share", "Open API Client" })
        {
            Assert.DoesNotContain(vendor, text, StringComparison.Ordinal);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = vendor })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = vendor })).ToHaveCountAsync(0);
        }
    }
}
