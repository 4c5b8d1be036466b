using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>
/// The smallest PNG colour type that holds the pixels exactly, as optipng chooses it: grey when every pixel is grey,
/// a palette when there are at most 256 colours (alpha included), truecolour otherwise. A photo is told apart within
/// its first few hundred pixels; a drawing or a GIF's frame is read whole.
/// </summary>
internal static class PngReduction
{
    public enum Kind
    {
        Truecolour,
        Grey,
        Palette,
    }

    private const int PaletteSize = 256;

    /// <summary>The kind, and for a palette its colours.</summary>
    public sealed record Found(Kind Kind, IReadOnlyList<Rgba32> Colours);

    public static Found Of(Image image)
    {
        using var converted = image is Image<Rgba32> ? null : image.CloneAs<Rgba32>();
        var rgba = converted ?? (Image<Rgba32>)image;
        var grey = true;
        var colours = new HashSet<uint>(PaletteSize + 1);
        rgba.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (var pixel in rows.GetRowSpan(y))
                {
                    grey &= pixel.R == pixel.G && pixel.G == pixel.B;
                    if (colours.Count <= PaletteSize)
                    {
                        colours.Add(pixel.PackedValue);
                    }
                    if (!grey && colours.Count > PaletteSize)
                    {
                        return;
                    }
                }
            }
        });
        return grey ? new Found(Kind.Grey, [])
            : colours.Count <= PaletteSize ? new Found(Kind.Palette, [.. colours.Select(packed => new Rgba32(packed))])
            : new Found(Kind.Truecolour, []);
    }
}
