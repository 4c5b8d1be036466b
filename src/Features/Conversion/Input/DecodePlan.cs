using SixLabors.ImageSharp;

namespace Konvrt.Portal.Features.Conversion.Input;

/// <summary>
/// How much of the source the pipeline needs: a smaller size when it will be downscaled anyway
/// (JPEG decodes straight to it: shrink-on-load), and one frame when the output cannot animate.
/// </summary>
public sealed record DecodePlan(Size? TargetSize, int MaxFrames, bool KeepMetadata);
