namespace Konvrt.Portal.Features.Conversion.Options;

public enum FitMode
{
    /// <summary>Fit within the box, keeping the aspect ratio; the result may be smaller in one dimension.</summary>
    Inside,
    /// <summary>Fill the box exactly, keeping the aspect ratio, cropping what overflows (see <see cref="CropGravity"/>).</summary>
    Cover,
    /// <summary>Fit within the box and pad to its exact size with the background.</summary>
    Contain,
    /// <summary>Stretch to the box exactly, ignoring the aspect ratio.</summary>
    Fill,
}

public enum CropGravity
{
    Center,
    Top,
    Bottom,
    Left,
    Right,
    /// <summary>Keep the window with the most detail (highest luminance entropy).</summary>
    Entropy,
}
