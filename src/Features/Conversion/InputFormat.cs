namespace Konvrt.Portal.Features.Conversion;

/// <summary>What an upload turned out to be, judged from its bytes alone.</summary>
public enum InputFormat
{
    Jpeg,
    Png,
    Gif,
    Webp,
    Bmp,
    Tiff,
    Tga,
    Qoi,
    Pbm,
    Heic,
    Avif,
}

public static class InputFormats
{
    public static string Name(this InputFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>Whether the format can carry see-through pixels at all (JPEG and the bitmaps of PBM cannot).</summary>
    public static bool HasAlpha(this InputFormat format) => format is not (InputFormat.Jpeg or InputFormat.Pbm);
}
