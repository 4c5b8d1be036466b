using Konvrt.Portal.Features.Conversion.Options;
using SixLabors.ImageSharp;

namespace Konvrt.Portal.Features.Conversion.Steps;

/// <summary>What the steps pass along: the image being converted and what was asked of it.</summary>
public sealed class ConvertingImage(Image image, ConversionOptions options, ResizePlan plan) : IDisposable
{
    /// <summary>A step may replace the image (e.g. with an alpha-capable copy); the old one is disposed.</summary>
    public Image Image { get; private set; } = image;

    public ConversionOptions Options { get; private set; } = options;

    public ResizePlan Plan { get; } = plan;

    public void Replace(Image replacement)
    {
        if (!ReferenceEquals(replacement, Image))
        {
            Image.Dispose();
            Image = replacement;
        }
    }

    /// <summary>
    /// The same finished pixels under other options, for choices made by encoding more than once (the format
    /// <c>auto</c> picks, the quality it searches); the steps never see it change.
    /// </summary>
    public void Reconfigure(ConversionOptions options) => Options = options;

    public void Dispose() => Image.Dispose();
}
