using ImageMagick;

namespace Konvrt.Portal.Benchmarks;

/// <summary>
/// One reference per task, the same for every tool: the source, oriented, flattened on white and resized
/// with ImageMagick's Lanczos to the output's size. SSIM is ImageMagick's own, on the first frame.
/// </summary>
internal static class Quality
{
    public static double? Ssim(BenchTask task, string? outputPath)
    {
        if (outputPath is null || !File.Exists(outputPath))
        {
            return null;
        }
        using var output = FirstFrame(outputPath);
        using var reference = FirstFrame(task.InputPath);
        reference.FilterType = FilterType.Lanczos;
        reference.Resize(new MagickGeometry(output.Width, output.Height) { IgnoreAspectRatio = true });
        // ImageMagick reports SSIM as a distortion: 0 for identical images.
        return 1 - output.Compare(reference, ErrorMetric.StructuralSimilarity);
    }

    private static MagickImage FirstFrame(string path)
    {
        using var frames = new MagickImageCollection();
        frames.Read(path, new MagickReadSettings { FrameIndex = 0, FrameCount = 1 });
        var image = (MagickImage)frames[0].Clone();
        image.AutoOrient();
        image.BackgroundColor = MagickColors.White;
        image.Alpha(AlphaAction.Remove);
        image.ColorSpace = ColorSpace.sRGB;
        return image;
    }
}
