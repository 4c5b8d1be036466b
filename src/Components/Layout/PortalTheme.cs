using MudBlazor;

namespace Konvrt.Portal.Components.Layout;

public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        // Colours chosen for WCAG AA contrast (4.5:1) of text in them and on their tinted alert backgrounds;
        // the end-to-end tests run axe-core on the main pages and fail on a serious violation.
        PaletteLight = new PaletteLight
        {
            Primary = "#4F46E5",
            Secondary = "#0369A1",
            Info = "#0B5CAD",
            Success = "#1B7A3A",
            Warning = "#9A5700",
            Error = "#C62828",
            TextSecondary = "rgba(0,0,0,0.68)",
            AppbarBackground = "#312E81",
            Background = "#F8FAFC",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#818CF8",
            Secondary = "#38BDF8",
            TextSecondary = "rgba(255,255,255,0.72)",
            AppbarBackground = "#1E1B4B",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
