using Konvrt.Portal.Features.Conversion;

namespace Konvrt.Portal.Features.Conversion.Steps;

/// <summary>JPEG, PNG and AVIF outputs are stills: keep the first frame, before any work is spent on the others.</summary>
public sealed class FirstFrameStep : IConversionStep
{
    public void Apply(ConvertingImage image)
    {
        if (image.Options.Format.KeepsAnimation())
        {
            return;
        }
        var frames = image.Image.Frames;
        while (frames.Count > 1)
        {
            frames.RemoveFrame(frames.Count - 1);
        }
    }
}
