using System.Text.Json;
using Bunit;
using Konvrt.Portal.Features.Presets;
using Konvrt.Portal.Features.Workspaces;
using MudBlazor;

namespace Konvrt.Portal.ComponentTests.Features;

/// <summary>The Presets page edits the same store the API and the Convert page read.</summary>
public sealed class PresetsPageTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static IReadOnlyList<string> Rows(IRenderedComponent<PresetsPage> page) =>
        [.. page.FindAll("[data-testid=preset-row]").Select(row => row.GetAttribute("data-preset")!)];

    [Fact]
    public void The_built_in_presets_are_listed_read_only_with_what_they_make()
    {
        var page = Render<PresetsPage>();

        page.WaitForAssertion(() => Assert.Equal(["web", "thumbnail", "avatar"], Rows(page)), Wait);
        Assert.Equal(3, page.FindAll("[data-testid=copy-preset]").Count);
        Assert.Empty(page.FindAll("[data-testid=delete-preset]"));
        Assert.Contains("WEBP, at most 1200 px wide, quality 80", page.FindAll("[data-testid=preset-outputs]")[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preset_of_two_outputs_made_in_the_editor_is_saved_for_the_api_and_the_convert_page()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<PresetsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count), Wait);

        page.Find("[data-testid=add-preset]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=preset-name]")), Wait);
        dialogs.Find("input[data-testid=preset-name]").Change("product");
        dialogs.FindAll("input[data-testid=custom-maxWidth]")[0].Change("1200");
        dialogs.Find("[data-testid=preset-add-output]").Click();
        dialogs.WaitForAssertion(() => Assert.Equal(2, dialogs.FindAll("[data-testid=preset-output]").Count), Wait);
        dialogs.FindAll("input[data-testid=custom-maxWidth]")[1].Change("300");
        dialogs.FindAll("input[data-testid=preset-output-path]")[1].Change("products/{productId}/thumb.webp");
        dialogs.Find("[data-testid=preset-save]").Click();

        page.WaitForAssertion(() => Assert.Equal(["web", "thumbnail", "avatar", "product"], Rows(page)), Wait);
        var saved = await Service<PresetStore>().FindAsync(WorkspaceId, "product", CancellationToken.None);
        Assert.NotNull(saved);
        Assert.Equal([("main", 1200, null), ("thumb", 300, "products/{productId}/thumb.webp")],
            saved.Outputs.Select(output => (output.Name, output.Options.MaxWidth ?? 0, output.Path)));
    }

    [Fact]
    public async Task A_wrong_name_is_shown_in_the_editor_and_nothing_is_saved_and_a_preset_is_deleted_from_the_list()
    {
        await Service<PresetStore>().SaveAsync(WorkspaceId, AuditActor.Administrator, null,
            new PresetRequest("old", null, new Dictionary<string, JsonElement> { ["format"] = JsonSerializer.SerializeToElement("png") }, null),
            replace: false, CancellationToken.None);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<PresetsPage>();
        page.WaitForAssertion(() => Assert.Equal(4, Rows(page).Count), Wait);

        page.Find("[data-testid=add-preset]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=preset-name]")), Wait);
        dialogs.Find("input[data-testid=preset-name]").Change("Not Valid");
        dialogs.Find("[data-testid=preset-save]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("lower-case letters", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(4, (await Service<PresetStore>().ListAsync(WorkspaceId, CancellationToken.None)).Count);

        page.Find("[data-testid=delete-preset]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete the preset old?", dialogs.Markup, StringComparison.Ordinal), Wait);
        // A button that destroys is red.
        Assert.Contains("mud-button-filled-error", dialogs.Find("[data-testid=confirm-yes]").ClassName, StringComparison.Ordinal);
        dialogs.FindAll("button").First(button => button.TextContent.Trim() == "Delete").Click();
        page.WaitForAssertion(() => Assert.Equal(["web", "thumbnail", "avatar"], Rows(page)), Wait);
    }

    [Fact]
    public async Task The_quality_field_takes_auto_and_the_list_says_what_an_auto_preset_makes()
    {
        await Service<PresetStore>().SaveAsync(WorkspaceId, AuditActor.Administrator, null,
            new PresetRequest("any", null, new Dictionary<string, JsonElement>
            {
                ["format"] = JsonSerializer.SerializeToElement("auto"),
                ["accept"] = JsonSerializer.SerializeToElement("webp,avif"),
                ["maxWidth"] = JsonSerializer.SerializeToElement(800),
            }, null),
            replace: false, CancellationToken.None);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<PresetsPage>();
        page.WaitForAssertion(() => Assert.Equal(4, Rows(page).Count), Wait);
        Assert.Contains("best format of AVIF or WEBP, at most 800 px wide", page.FindAll("[data-testid=preset-outputs]")[3].TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=add-preset]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=preset-name]")), Wait);
        dialogs.Find("input[data-testid=preset-name]").Change("eco");
        dialogs.Find("input[data-testid=custom-quality]").Change("auto:eco");
        dialogs.Find("[data-testid=preset-save]").Click();

        page.WaitForAssertion(() => Assert.Equal(5, Rows(page).Count), Wait);
        var saved = await Service<PresetStore>().FindAsync(WorkspaceId, "eco", CancellationToken.None);
        Assert.Equal(Konvrt.Portal.Features.Conversion.Options.QualityTarget.Eco, saved!.Outputs[0].Options.AutoQuality);
        Assert.Contains("quality found for the eye (eco)", page.FindAll("[data-testid=preset-outputs]")[4].TextContent, StringComparison.Ordinal);
    }
}
