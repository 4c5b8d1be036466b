using Konvrt.Portal.Features.Conversion.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Konvrt.Portal.Features.Conversion.Steps;

/// <summary>JPEG has no alpha: transparent pixels are laid onto the background (white unless asked otherwise).</summary>
public sealed class FlattenStep : IConversionStep
{
    public static ColorOption Background { get; } = new("background", "Background",
        "Behind transparency (JPEG) and padding (contain). Default: white for JPEG, transparent padding where the format has alpha.",
        options => options.Background, (options, value) => options with { Background = value });

    public void Apply(ConvertingImage image)
    {
        if (image.Options.Format.HasAlpha()
            || image.Image.PixelType.AlphaRepresentation is PixelAlphaRepresentation.None)
        {
            return;
        }
        var background = image.Options.Background is { } color ? Color.FromPixel(color) : Color.White;
        image.Image.Mutate(context => context.BackgroundColor(background));
    }
}
