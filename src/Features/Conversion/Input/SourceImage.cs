namespace Konvrt.Portal.Features.Conversion.Input;

/// <summary>What Identify learned about an upload before any pixel was decoded.</summary>
public sealed record SourceImage(InputFormat Format, int StoredWidth, int StoredHeight, int Frames, long Bytes, ushort Orientation)
{
    /// <summary>EXIF orientations 5–8 turn the picture a quarter: stored width becomes displayed height.</summary>
    public bool SwapsAxes => Orientation is >= 5 and <= 8;

    public int Width => SwapsAxes ? StoredHeight : StoredWidth;

    public int Height => SwapsAxes ? StoredWidth : StoredHeight;

    public long PixelsPerFrame => (long)StoredWidth * StoredHeight;
}
