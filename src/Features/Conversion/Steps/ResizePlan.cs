using Konvrt.Portal.Features.Conversion.Options;
using SixLabors.ImageSharp;

namespace Konvrt.Portal.Features.Conversion.Steps;

/// <summary>
/// The geometry of a conversion, decided before decoding: the size the picture is scaled to and the
/// canvas it ends on (equal, except for cover, which crops, and contain, which pads). Sizes are in
/// displayed orientation.
/// </summary>
public sealed record ResizePlan(Size Scaled, Size Canvas, FitMode Fit)
{
    public static ResizePlan For(int sourceWidth, int sourceHeight, ConversionOptions options) =>
        Within(Requested(sourceWidth, sourceHeight, options), options.MaxPixels);

    private static ResizePlan Requested(int sourceWidth, int sourceHeight, ConversionOptions options)
    {
        double width = sourceWidth, height = sourceHeight;
        var (boxWidth, boxHeight, fit) = Box(options);

        if (fit == FitMode.Fill)
        {
            var scaleX = Cap(boxWidth / width, options.Enlarge);
            var scaleY = Cap(boxHeight / height, options.Enlarge);
            var stretched = new Size(Round(width * scaleX), Round(height * scaleY));
            return new ResizePlan(stretched, stretched, fit);
        }

        var scale = fit == FitMode.Cover
            ? Math.Max(boxWidth / width, boxHeight / height)
            : Math.Min(boxWidth / width, boxHeight / height);
        if (double.IsInfinity(scale))
        {
            scale = 1;
        }
        scale = Cap(scale, options.Enlarge);
        var scaled = new Size(Round(width * scale), Round(height * scale));

        return fit switch
        {
            FitMode.Cover => new ResizePlan(scaled, new Size(Math.Min((int)boxWidth, scaled.Width), Math.Min((int)boxHeight, scaled.Height)), fit),
            FitMode.Contain => new ResizePlan(scaled, new Size((int)boxWidth, (int)boxHeight), fit),
            _ => new ResizePlan(scaled, scaled, fit),
        };
    }

    /// <summary>
    /// The box to fit: width×height when both are given (shrunk, keeping its shape, to maxWidth/maxHeight),
    /// otherwise an open-ended "inside" box from whichever bounds exist.
    /// </summary>
    private static (double Width, double Height, FitMode Fit) Box(ConversionOptions options)
    {
        if (options.Width is { } width && options.Height is { } height)
        {
            var shrink = Math.Min(1.0, Math.Min(
                options.MaxWidth is { } maxWidth ? (double)maxWidth / width : 1.0,
                options.MaxHeight is { } maxHeight ? (double)maxHeight / height : 1.0));
            return (Round(width * shrink), Round(height * shrink), options.Fit);
        }
        return (
            Math.Min(options.Width ?? double.PositiveInfinity, options.MaxWidth ?? double.PositiveInfinity),
            Math.Min(options.Height ?? double.PositiveInfinity, options.MaxHeight ?? double.PositiveInfinity),
            FitMode.Inside);
    }

    /// <summary>Shrinks the scaled picture and its canvas alike, so a crop or a pad stays where it was asked for.</summary>
    private static ResizePlan Within(ResizePlan plan, int? maxPixels)
    {
        var pixels = (long)plan.Canvas.Width * plan.Canvas.Height;
        if (maxPixels is not { } most || pixels <= most)
        {
            return plan;
        }
        var factor = Math.Sqrt((double)most / pixels);
        Size Shrink(Size size) => new(Math.Max(1, (int)Math.Floor(size.Width * factor)), Math.Max(1, (int)Math.Floor(size.Height * factor)));
        return plan with { Scaled = Shrink(plan.Scaled), Canvas = Shrink(plan.Canvas) };
    }

    private static double Cap(double scale, bool enlarge) => enlarge ? scale : Math.Min(scale, 1);

    private static int Round(double value) => Math.Max(1, (int)Math.Round(value, MidpointRounding.AwayFromZero));
}
