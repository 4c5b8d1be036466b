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
}
