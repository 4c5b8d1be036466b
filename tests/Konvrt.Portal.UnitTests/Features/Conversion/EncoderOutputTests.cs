using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;
using static Konvrt.Portal.UnitTests.Features.Conversion.ConversionKit;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

/// <summary>What the encoders write, read from the bytes: the choices that make the outputs small (docs/benchmarks.md has the sizes).</summary>
public sealed class EncoderOutputTests
{
    private const string Photo = "photo1_olympus-ep3_4032x3024.jpg";
    private const string Earth = "anim_rotating_earth_400x400.gif";

    [Fact]
    public async Task A_png_becomes_a_ycbcr_jpeg_with_chroma_at_half_resolution_at_web_qualities()
    {
        var web = await Shared.ConvertFileAsync("alpha_paper_2048x1536.png", Options(("format", "jpeg"), ("quality", "80"), ("maxWidth", "800")));
        var high = await Shared.ConvertFileAsync("alpha_paper_2048x1536.png", Options(("format", "jpeg"), ("quality", "95"), ("maxWidth", "800")));

        var webFrame = EncodedStructure.Jpeg(web.Bytes);
        Assert.Equal(3, webFrame.Components);
        Assert.True(webFrame.Is420, $"sampling {webFrame}");
        // At 90 and above chroma keeps full resolution: the few bytes it costs are what such a quality is asked for.
        var highFrame = EncodedStructure.Jpeg(high.Bytes);
        Assert.Equal((1, 1), (highFrame.LumaHorizontal, highFrame.LumaVertical));
    }

    [Fact]
    public async Task Progressive_jpeg_is_smaller_than_baseline_on_a_photo()
    {
        var baseline = await Shared.ConvertFileAsync(Photo, Options(("format", "jpeg"), ("quality", "80"), ("maxWidth", "1200")));
        var progressive = await Shared.ConvertFileAsync(Photo, Options(("format", "jpeg"), ("quality", "80"), ("maxWidth", "1200"), ("progressive", "true")));

        Assert.False(EncodedStructure.Jpeg(baseline.Bytes).Progressive);
        Assert.True(EncodedStructure.Jpeg(progressive.Bytes).Progressive);
        Assert.True(progressive.Bytes.Length < baseline.Bytes.Length, $"progressive {progressive.Bytes.Length} B, baseline {baseline.Bytes.Length} B");
    }

    [Fact]
    public async Task An_animated_webp_stores_each_frame_as_the_rectangle_that_changed_with_its_delay()
    {
        using var gif = Image.Load(TestImage(Earth));
        var converted = await Shared.ConvertFileAsync(Earth, Options(("format", "webp"), ("quality", "80")));

        var (width, height, frames) = EncodedStructure.WebpAnimation(converted.Bytes);
        Assert.Equal((400, 400), (width, height));
        Assert.Equal(gif.Frames.Count, frames.Count);
        // The background around the turning globe does not change: after the first, frames are smaller than the canvas.
        Assert.True(frames.Skip(1).Count(frame => frame.Width * frame.Height < width * height) >= frames.Count / 2,
            string.Join(", ", frames.Select(frame => $"{frame.Width}×{frame.Height}")));

        using var decoded = Image.Load(converted.Bytes);
        var delays = decoded.Frames.Cast<ImageFrame>().Select(frame => frame.Metadata.GetWebpMetadata().FrameDelay);
        Assert.Equal(gif.Frames.Cast<ImageFrame>().Select(frame => (uint)frame.Metadata.GetGifMetadata().FrameDelay * 10u), delays);
    }

    [Fact]
    public async Task A_palette_image_stays_a_palette_png_and_a_photo_stays_truecolour()
    {
        var fromGif = await Shared.ConvertFileAsync(Earth, Options(("format", "png")));
        var fromPhoto = await Shared.ConvertFileAsync(Photo, Options(("format", "png"), ("maxWidth", "300")));

        Assert.Equal(PngColorType.Palette, Image.Identify(fromGif.Bytes).Metadata.GetPngMetadata().ColorType);
        Assert.Equal(PngColorType.Rgb, Image.Identify(fromPhoto.Bytes).Metadata.GetPngMetadata().ColorType);
    }

    [Fact]
    public async Task A_grey_image_becomes_a_grey_png_and_a_few_colours_an_exact_palette()
    {
        using var grey = new Image<Rgb24>(64, 64);
        using var drawing = new Image<Rgba32>(64, 64);
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                grey[x, y] = new Rgb24((byte)(x * 4), (byte)(x * 4), (byte)(x * 4));
                drawing[x, y] = new Rgba32((byte)(x / 8 * 30), (byte)(y / 8 * 30), 90, (byte)(x < 32 ? 255 : 128)); // 128 colours
            }
        }

        var greyPng = await Shared.ConvertAsync(Encode(grey), Options(("format", "png")));
        var drawingPng = await Shared.ConvertAsync(Encode(drawing), Options(("format", "png")));

        Assert.Equal(PngColorType.Grayscale, Image.Identify(greyPng.Bytes).Metadata.GetPngMetadata().ColorType);
        Assert.Equal(PngColorType.Palette, Image.Identify(drawingPng.Bytes).Metadata.GetPngMetadata().ColorType);
        // Lossless, both: every pixel comes back as it went in.
        using var greyBack = Image.Load<Rgb24>(greyPng.Bytes);
        using var drawingBack = Image.Load<Rgba32>(drawingPng.Bytes);
        Assert.Equal(Pixels(grey), Pixels(greyBack));
        Assert.Equal(Pixels(drawing), Pixels(drawingBack));
    }

    private static byte[] Encode(Image image)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream, new PngEncoder { ColorType = image.PixelType.AlphaRepresentation is PixelAlphaRepresentation.None ? PngColorType.Rgb : PngColorType.RgbWithAlpha });
        return stream.ToArray();
    }

    private static byte[] Pixels<TPixel>(Image<TPixel> image) where TPixel : unmanaged, IPixel<TPixel>
    {
        var bytes = new byte[image.Width * image.Height * image.PixelType.BitsPerPixel / 8];
        image.CopyPixelDataTo(bytes);
        return bytes;
    }
}
