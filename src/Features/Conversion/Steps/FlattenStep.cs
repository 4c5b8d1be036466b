using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Konvrt.Portal.Features.Conversion.Steps;

/// <summary>JPEG has no alpha: transparent pixels are laid onto the background (white unless asked otherwise).</summary>
public sealed class FlattenStep : IConversionStep
{
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
