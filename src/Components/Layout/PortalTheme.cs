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
        // Dark mode: light tints of the same hues, with dark text on anything filled with them (white on a light
        // tint cannot reach 4.5:1), and backgrounds a shade darker than MudBlazor's so links in the tints pass too.
        PaletteDark = new PaletteDark
        {
            Primary = "#A5B4FC",
            PrimaryContrastText = "#1E1B4B",
            Secondary = "#7DD3FC",
            SecondaryContrastText = "#082F49",
            Info = "#93C5FD",
            InfoContrastText = "#0C1A33",
            Success = "#86EFAC",
            SuccessContrastText = "#052E16",
            Warning = "#FCD34D",
            WarningContrastText = "#451A03",
            Error = "#FCA5A5",
            ErrorContrastText = "#450A0A",
            TextSecondary = "rgba(255,255,255,0.74)",
            AppbarBackground = "#1E1B4B",
            Background = "#18181F",
            Surface = "#23232B",
            DrawerBackground = "#1D1D24",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };

    /// <summary>
    /// Series colours for charts: the brand's hues, dark enough on the light surface and light enough on the dark one
    /// for bars and slices to stand out (3:1, WCAG 1.4.11).
    /// </summary>
    public static string[] ChartPalette(bool dark) => dark
        ? ["#A5B4FC", "#7DD3FC", "#86EFAC", "#FCD34D", "#FDA4AF", "#C4B5FD"]
        : ["#4F46E5", "#0369A1", "#15803D", "#B45309", "#BE123C", "#6D28D9"];
}
