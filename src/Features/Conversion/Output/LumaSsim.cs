using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>
/// SSIM (Wang et al., 2004) on luma, the metric <c>quality=auto</c> searches with: 8×8 windows every 4 pixels,
/// averaged. Compression artefacts are luma detail first, and SSIM follows them where PSNR does not. No
/// .NET package computes it; ImageMagick's takes 2 s on a 1 MP image, this about 15 ms.
/// </summary>
internal static class LumaSsim
{
    private const int Window = 8;
    private const int Step = 4;
    private const double C1 = 0.01 * 255 * 0.01 * 255;
    private const double C2 = 0.03 * 255 * 0.03 * 255;

    /// <summary>The luma of a still image, laid over white where it is transparent (as a viewer shows it).</summary>
    public static float[] Luma(Image image)
    {
        using var converted = image is Image<Rgba32> ? null : image.CloneAs<Rgba32>();
        var rgba = converted ?? (Image<Rgba32>)image;
        var luma = new float[rgba.Width * rgba.Height];
        rgba.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var pixel = row[x];
                    var alpha = pixel.A / 255f;
                    var value = (0.299f * pixel.R) + (0.587f * pixel.G) + (0.114f * pixel.B);
                    luma[(y * rows.Width) + x] = (value * alpha) + (255f * (1 - alpha));
                }
            }
        });
        return luma;
    }

    public static double Compare(float[] reference, float[] candidate, int width, int height)
    {
        double total = 0;
        var windows = 0;
        for (var top = 0; top + Window <= height; top += Step)
        {
            for (var left = 0; left + Window <= width; left += Step)
            {
                total += WindowSsim(reference, candidate, width, left, top);
                windows++;
            }
        }
        // Smaller than one window: the whole image is the window.
        return windows == 0 ? (reference.AsSpan().SequenceEqual(candidate) ? 1 : 0) : total / windows;
    }

    private static double WindowSsim(float[] reference, float[] candidate, int width, int left, int top)
    {
        double sumX = 0, sumY = 0, sumXx = 0, sumYy = 0, sumXy = 0;
        for (var y = top; y < top + Window; y++)
        {
            var row = y * width;
            for (var x = left; x < left + Window; x++)
            {
                double a = reference[row + x], b = candidate[row + x];
                sumX += a;
                sumY += b;
                sumXx += a * a;
                sumYy += b * b;
                sumXy += a * b;
            }
        }
        const double N = Window * Window;
        double meanX = sumX / N, meanY = sumY / N;
        var varianceX = (sumXx / N) - (meanX * meanX);
        var varianceY = (sumYy / N) - (meanY * meanY);
        var covariance = (sumXy / N) - (meanX * meanY);
        return ((2 * meanX * meanY) + C1) * ((2 * covariance) + C2)
            / (((meanX * meanX) + (meanY * meanY) + C1) * (varianceX + varianceY + C2));
    }
}
