using SixLabors.ImageSharp.Processing;

namespace Konvrt.Portal.Features.Conversion.Steps;

/// <summary>Bakes the EXIF orientation into the pixels, so a portrait photo stays portrait wherever it is shown.</summary>
public sealed class AutoOrientStep : IConversionStep
{
    public void Apply(ConvertingImage image) => image.Image.Mutate(context => context.AutoOrient());
}
