using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Konvrt.Portal.Features.Conversion.Steps;

/// <summary>
/// Chooses the crop window with the most detail, measured as the Shannon entropy of its luminance
/// histogram: a product on a plain background keeps the product, not the background.
/// </summary>
internal static class EntropyCrop
{
    private const int Positions = 24;
    private const int ProbeLongSide = 256;

    public static Point FindOrigin(Image image, Size window)
    {
        var slackX = image.Width - window.Width;
        var slackY = image.Height - window.Height;
        if (slackX <= 0 && slackY <= 0)
        {
            return Point.Empty;
        }

        // Entropy is judged on a small greyscale copy: the choice does not need every pixel.
        var scale = Math.Min(1.0, (double)ProbeLongSide / Math.Max(image.Width, image.Height));
        using var probe = image.CloneAs<L8>();
        probe.Mutate(context => context.Resize(Math.Max(1, (int)(image.Width * scale)), Math.Max(1, (int)(image.Height * scale))));
        var probeWindow = new Size(Math.Max(1, (int)(window.Width * scale)), Math.Max(1, (int)(window.Height * scale)));

        var best = (Entropy: double.MinValue, Origin: Point.Empty);
        for (var step = 0; step <= Positions; step++)
        {
            var origin = new Point(slackX * step / Positions, slackY * step / Positions);
            var probeOrigin = new Point(
                Math.Min((int)(origin.X * scale), probe.Width - probeWindow.Width),
                Math.Min((int)(origin.Y * scale), probe.Height - probeWindow.Height));
            var entropy = Entropy(probe, new Rectangle(probeOrigin, probeWindow));
            if (entropy > best.Entropy)
            {
                best = (entropy, origin);
            }
        }
        return best.Origin;
    }

    private static double Entropy(Image<L8> probe, Rectangle area)
    {
        var histogram = new int[256];
        probe.ProcessPixelRows(rows =>
        {
            for (var y = area.Top; y < area.Bottom; y++)
            {
                foreach (var pixel in rows.GetRowSpan(y).Slice(area.Left, area.Width))
                {
                    histogram[pixel.PackedValue]++;
                }
            }
        });
        double total = area.Width * area.Height;
        return -histogram.Where(count => count > 0).Sum(count => count / total * Math.Log2(count / total));
    }
}
