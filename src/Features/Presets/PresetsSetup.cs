namespace Konvrt.Portal.Features.Presets;

public static class PresetsSetup
{
    /// <summary>Named sets of outputs per workspace, shared by the API and the portal.</summary>
    public static IHostApplicationBuilder AddPresets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PresetStore>();
        return builder;
    }
}
