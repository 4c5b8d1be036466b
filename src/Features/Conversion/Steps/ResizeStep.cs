using Konvrt.Portal.Features.Conversion.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Konvrt.Portal.Features.Conversion.Steps;

/// <summary>Scales to the plan, then crops (cover, by gravity) or pads (contain) to the canvas.</summary>
public sealed class ResizeStep : IConversionStep
{
    public void Apply(ConvertingImage image)
    {
        var plan = image.Plan;
        if (image.Image.Size != plan.Scaled)
        {
            image.Image.Mutate(context => context.Resize(new ResizeOptions
            {
                Size = plan.Scaled,
                Mode = ResizeMode.Stretch,
                Sampler = KnownResamplers.Lanczos3,
            }));
        }

        if (plan.Fit == FitMode.Cover && plan.Canvas != plan.Scaled)
        {
            var origin = CropOrigin(image.Image, plan.Canvas, image.Options.Crop);
            image.Image.Mutate(context => context.Crop(new Rectangle(origin, plan.Canvas)));
        }
        else if (plan.Fit == FitMode.Contain && plan.Canvas != plan.Scaled)
        {
            Pad(image, plan.Canvas);
        }
    }

    internal static Point CropOrigin(Image image, Size window, CropGravity gravity)
    {
        var slackX = image.Width - window.Width;
        var slackY = image.Height - window.Height;
        return gravity switch
        {
            CropGravity.Top => new Point(slackX / 2, 0),
            CropGravity.Bottom => new Point(slackX / 2, slackY),
            CropGravity.Left => new Point(0, slackY / 2),
            CropGravity.Right => new Point(slackX, slackY / 2),
            CropGravity.Entropy => EntropyCrop.FindOrigin(image, window),
            _ => new Point(slackX / 2, slackY / 2),
        };
    }

    private static void Pad(ConvertingImage image, Size canvas)
    {
        var options = image.Options;
        Color padColor;
        if (options.Background is { } background)
        {
            padColor = Color.FromPixel(background);
        }
        else if (options.Format.HasAlpha())
        {
            padColor = Color.Transparent;
            if (image.Image.PixelType.AlphaRepresentation is PixelAlphaRepresentation.None)
            {
                // Padding is transparent: the image needs an alpha channel to hold it.
                image.Replace(image.Image.CloneAs<Rgba32>());
            }
        }
        else
        {
            padColor = Color.White;
        }
        image.Image.Mutate(context => context.Resize(new ResizeOptions { Size = canvas, Mode = ResizeMode.BoxPad, PadColor = padColor }));
    }
}
