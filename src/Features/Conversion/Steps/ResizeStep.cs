using Konvrt.Portal.Features.Conversion.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Konvrt.Portal.Features.Conversion.Steps;

/// <summary>Scales to the plan, then crops (cover, by gravity) or pads (contain) to the canvas.</summary>
public sealed class ResizeStep : IConversionStep
{
    /// <summary>WebP's own limit, and far beyond any sensible web image.</summary>
    public const int MaxDimension = 16383;

    public static IntegerOption Width { get; } = new("width", "Width", 1, MaxDimension,
        "Target width in pixels. Alone it keeps the aspect ratio; with height it makes a box (see fit).",
        options => options.Width, (options, value) => options with { Width = value });

    public static IntegerOption Height { get; } = new("height", "Height", 1, MaxDimension,
        "Target height in pixels. Alone it keeps the aspect ratio; with width it makes a box (see fit).",
        options => options.Height, (options, value) => options with { Height = value });

    public static IntegerOption MaxWidth { get; } = new("maxWidth", "Max width", 1, MaxDimension,
        "Scale down so the width is at most this many pixels; never enlarges unless enlarge.",
        options => options.MaxWidth, (options, value) => options with { MaxWidth = value });

    public static IntegerOption MaxHeight { get; } = new("maxHeight", "Max height", 1, MaxDimension,
        "Scale down so the height is at most this many pixels; never enlarges unless enlarge.",
        options => options.MaxHeight, (options, value) => options with { MaxHeight = value });

    public static ChoiceOption<FitMode> Fit { get; } = new("fit", "Fit",
        "With width and height: fit inside the box (keeping the shape, maybe smaller in one dimension), cover it and crop, contain and pad, or fill it stretched.",
        options => options.Fit, (options, value) => options with { Fit = value })
    {
        Default = "inside",
        ChoiceLabels = new Dictionary<string, string>
        {
            ["inside"] = "Inside (keep shape)", ["cover"] = "Cover (crop to fill)", ["contain"] = "Contain (pad)", ["fill"] = "Fill (stretch)",
        },
    };

    public static ChoiceOption<CropGravity> Crop { get; } = new("crop", "Crop towards",
        "Where cover crops. Crop with width and height means fit=cover; entropy keeps the most detailed part.",
        options => options.Crop, (options, value) => options with { Crop = value })
    {
        Default = "center",
        RecordedWhen = options => options.Fit == FitMode.Cover,
        RelevantWhen = value => value("fit") == "cover",
        ChoiceLabels = new Dictionary<string, string>
        {
            ["center"] = "Center", ["top"] = "Top", ["bottom"] = "Bottom", ["left"] = "Left", ["right"] = "Right", ["entropy"] = "Most detail",
        },
    };

    public static BooleanOption Enlarge { get; } = new("enlarge", "Enlarge smaller images",
        "Allow upscaling; without it a small image is never enlarged.",
        options => options.Enlarge, (options, value) => options with { Enlarge = value });

    /// <summary>Crop makes sense only in a box, and means cover.</summary>
    public static ConversionRule CropMeansCover { get; } = (options, given, fail) =>
    {
        if (!given(Crop.Name))
        {
            return options;
        }
        if (options.Width is null || options.Height is null)
        {
            fail(Crop.Name, "needs both width and height (crop with width and height means fit=cover).");
        }
        else if (given(Fit.Name) && options.Fit != FitMode.Cover)
        {
            fail(Crop.Name, $"applies to fit=cover only, not fit={Fit.Write(options)}.");
        }
        return options with { Fit = FitMode.Cover };
    };

    /// <summary>Cover, contain and fill need a box to fill.</summary>
    public static ConversionRule FitNeedsABox { get; } = (options, _, fail) =>
    {
        if (options.Fit is not FitMode.Inside && (options.Width is null || options.Height is null))
        {
            fail(Fit.Name, $"fit={Fit.Write(options)} needs both width and height.");
        }
        return options;
    };

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
