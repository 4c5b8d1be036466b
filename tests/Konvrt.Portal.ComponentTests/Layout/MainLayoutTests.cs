using Bunit;
using Konvrt.Portal.Components.Layout;
using Konvrt.Portal.Features.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;

namespace Konvrt.Portal.ComponentTests.Layout;

public sealed class MainLayoutTests : PortalComponentTest
{
    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(parameters => parameters.Add(layout => layout.Body, (RenderFragment)(body => body.AddContent(0, "page body"))));

    [Fact]
    public void The_layout_shows_the_navigation_the_workspace_and_the_page()
    {
        var layout = RenderLayout();

        layout.WaitForAssertion(() =>
            Assert.Equal("alice's workspace", layout.Find("[data-testid=workspace-switcher] button").TextContent.Trim()));
        var links = layout.FindAll(".mud-nav-link").Select(link => (link.TextContent.Trim(), link.GetAttribute("href"))).ToList();
        Assert.Contains(("Dashboard", "dashboard"), links);
        Assert.Contains(("Account", "Account/Manage"), links);
        Assert.Contains("page body", layout.Markup);
    }

    [Fact]
    public async Task The_theme_toggle_switches_to_dark_and_back_and_remembers_the_choice_for_the_user()
    {
        var layout = RenderLayout();
        var theme = layout.FindComponent<MudThemeProvider>();
        Assert.False(theme.Instance.GetState(x => x.IsDarkMode));

        await layout.Find("[data-testid=theme-toggle]").ClickAsync(new());

        layout.WaitForAssertion(() => Assert.True(theme.Instance.GetState(x => x.IsDarkMode)));
        Assert.True(await Service<UserPreferences>().GetDarkModeAsync(User.Id));

        await layout.Find("[data-testid=theme-toggle]").ClickAsync(new());

        layout.WaitForAssertion(() => Assert.False(theme.Instance.GetState(x => x.IsDarkMode)));
        Assert.False(await Service<UserPreferences>().GetDarkModeAsync(User.Id));
    }

    [Fact]
    public async Task A_user_who_chose_dark_mode_gets_it_on_the_next_visit()
    {
        await Service<UserPreferences>().SetDarkModeAsync(User.Id, true);

        var layout = RenderLayout();

        layout.WaitForAssertion(() => Assert.True(layout.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode)));
        Assert.Contains("Switch to light mode", layout.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_menu_button_collapses_and_reopens_the_navigation_drawer()
    {
        var layout = RenderLayout();
        var drawer = layout.FindComponent<MudDrawer>();
        // Responsive: whether it starts open depends on the screen size the browser reports.
        var startedOpen = drawer.Instance.GetState(x => x.Open);

        layout.Find("[data-testid=nav-toggle]").Click();
        layout.WaitForAssertion(() => Assert.Equal(!startedOpen, drawer.Instance.GetState(x => x.Open)));

        layout.Find("[data-testid=nav-toggle]").Click();
        layout.WaitForAssertion(() => Assert.Equal(startedOpen, drawer.Instance.GetState(x => x.Open)));
    }
}
