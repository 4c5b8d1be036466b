using ImageMagick;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Conversion.Steps;
using SixLabors.ImageSharp;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>
/// <c>quality=auto</c>: the lowest quality whose output keeps the finished image's luma SSIM at the target, in at
/// most three encodes (each decoded and compared). The first tries 75; the second steps down or up; the third aims
/// between the two by their scores (SSIM rises smoothly with quality). The smallest output that passed is kept; when
/// none did, the one closest to the target (the highest quality tried).
/// </summary>
internal static class QualitySearch
{
    public const int MaxEncodes = 3;
    private const int Lowest = 30;
    private const int Highest = 95;
    private const int First = 75;

    /// <summary>
    /// Calibrated on the test photos at 1200 px (docs/benchmarks.md): WebP q80 scores 0.975, q90 0.987, q60 0.960.
    /// </summary>
    public static double Threshold(QualityTarget target) => target switch
    {
        QualityTarget.High => 0.985,
        QualityTarget.Eco => 0.955,
        _ => 0.97,
    };

    public sealed record Found(byte[] Bytes, int Quality, double Score);

    public static async Task<Found> SearchAsync(IOutputEncoder encoder, ConvertingImage image, QualityTarget target, CancellationToken cancellationToken)
    {
        var asked = image.Options;
        var reference = LumaSsim.Luma(image.Image);
        var threshold = Threshold(target);
        Found? passed = null, failed = null;
        for (int attempt = 0, quality = First; attempt < MaxEncodes && quality > 0; attempt++)
        {
            image.Reconfigure(asked with { Quality = quality, AutoQuality = null });
            var bytes = await encoder.EncodeToBytesAsync(image, cancellationToken);
            var found = new Found(bytes, quality, LumaSsim.Compare(reference, DecodeLuma(bytes, encoder.Format), image.Image.Width, image.Image.Height));
            (passed, failed) = found.Score >= threshold ? (found, failed) : (passed, found);
            quality = Next(passed, failed, threshold);
        }
        image.Reconfigure(asked);
        return passed ?? failed!;
    }

    /// <summary>The next quality to try, or 0 when no whole number is left between a failure and a pass.</summary>
    private static int Next(Found? passed, Found? failed, double threshold)
    {
        switch (passed, failed)
        {
            case ({ } pass, { } fail):
                var share = (threshold - fail.Score) / Math.Max(pass.Score - fail.Score, 1e-9);
                var aimed = fail.Quality + (int)Math.Ceiling(share * (pass.Quality - fail.Quality));
                return pass.Quality - fail.Quality > 1 ? Math.Clamp(aimed, fail.Quality + 1, pass.Quality - 1) : 0;
            case ({ } pass, null):
                return (Lowest + pass.Quality) / 2;
            case (null, { } fail):
                return fail.Quality >= Highest ? 0 : (fail.Quality + Highest + 1) / 2;
            default:
                return First;
        }
    }

    /// <summary>Our own output read back: ImageSharp for WebP and JPEG, ImageMagick for AVIF (which ImageSharp does not read).</summary>
    private static float[] DecodeLuma(byte[] bytes, OutputFormat format)
    {
        if (format == OutputFormat.Avif)
        {
            using var magick = new MagickImage(bytes, new MagickReadSettings { Format = MagickFormat.Avif });
            using var pixels = magick.GetPixelsUnsafe();
            using var avif = Image.LoadPixelData<SixLabors.ImageSharp.PixelFormats.Rgba32>(pixels.ToByteArray(PixelMapping.RGBA)!, (int)magick.Width, (int)magick.Height);
            return LumaSsim.Luma(avif);
        }
        using var decoded = Image.Load(bytes);
        return LumaSsim.Luma(decoded);
    }
}
