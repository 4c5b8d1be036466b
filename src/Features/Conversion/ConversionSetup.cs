using Konvrt.Portal.Features.Conversion.Input;
using Konvrt.Portal.Features.Conversion.Output;
using Konvrt.Portal.Features.Conversion.Steps;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Conversion;

public static class ConversionSetup
{
    public const string MaxConcurrencyKey = "Conversion:MaxConcurrency";

    public static IHostApplicationBuilder AddConversion(this IHostApplicationBuilder builder)
    {
        builder.Services.AddConversionEngine(builder.Configuration);
        return builder;
    }

    /// <summary>The engine alone, for any host: the portal, the CLI, the benchmarks and the unit tests.</summary>
    public static IServiceCollection AddConversionEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversionLimits>()
            .Bind(configuration.GetSection(ConversionLimits.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<WebpSettings>()
            .Bind(configuration.GetSection(WebpSettings.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var maxConcurrency = configuration.GetValue<int?>(MaxConcurrencyKey) ?? Environment.ProcessorCount;
        services.AddSingleton(new ConversionGate(Math.Max(1, maxConcurrency)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ImagingConfiguration>();

        services.AddSingleton<IInputDecoder, ImageSharpInputDecoder>();
        services.AddSingleton<IInputDecoder>(provider =>
        {
            MagickSandbox.Apply(provider.GetRequiredService<IOptions<ConversionLimits>>().Value);
            return ActivatorUtilities.CreateInstance<MagickInputDecoder>(provider);
        });
        services.AddSingleton<IOutputEncoder, WebpOutputEncoder>();
        services.AddSingleton<IOutputEncoder, JpegOutputEncoder>();
        services.AddSingleton<IOutputEncoder, PngOutputEncoder>();
        services.AddSingleton<IOutputEncoder, GifOutputEncoder>();
        services.AddSingleton<IOutputEncoder, AvifOutputEncoder>();
        services.AddSingleton(ConversionPipelineBuilder.Default());
        services.AddSingleton<ImageConverter>();
        return services;
    }
}
