using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using static Konvrt.Portal.UnitTests.Features.Conversion.ConversionKit;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

/// <summary>What people upload, converted as the tutorial converts it.</summary>
public sealed class RealPhotoConversionTests
{
    private const string CameraJpeg = "photo1_olympus-ep3_4032x3024.jpg";

    [Theory]
    [InlineData("80", "1200", 1200, 900)]
    [InlineData("70", "300", 300, 225)]
    public async Task The_tutorials_web_and_thumbnail_presets_give_the_documented_sizes(string quality, string maxWidth, int width, int height)
    {
        var converted = await Shared.ConvertFileAsync(CameraJpeg, Options(("format", "webp"), ("quality", quality), ("maxWidth", maxWidth)));

        using var image = converted.Decode();
        Assert.Equal("webp", converted.DetectedFormat());
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal((width, height), (converted.Result.Output.Width, converted.Result.Output.Height));
        Assert.Equal(converted.Bytes.Length, converted.Result.Output.Bytes);
        Assert.Equal(("jpeg", 4032, 3024, 2_913_134L), (converted.Result.Input.Format, converted.Result.Input.Width, converted.Result.Input.Height, converted.Result.Input.Bytes));
        Assert.True(converted.Result.Stages.Decode > TimeSpan.Zero && converted.Result.Stages.Encode > TimeSpan.Zero);
    }

    [Fact]
    public async Task The_tutorials_avatar_crop_gives_exactly_200_by_200()
    {
        var converted = await Shared.ConvertFileAsync(CameraJpeg,
            Options(("format", "webp"), ("quality", "80"), ("width", "200"), ("height", "200"), ("crop", "center")));

        using var image = converted.Decode();
        Assert.Equal((200, 200), (image.Width, image.Height));
    }

    [Theory]
    [InlineData("heic1_iphone13pro_pug_4032x3024.heic", 1200, 900)]
    [InlineData("heic2_iphone13promax_3024x4032.heic", 1200, 1600)]
    public async Task Iphone_heic_photos_become_webp_in_their_true_orientation(string name, int width, int height)
    {
        var converted = await Shared.ConvertFileAsync(name, Options(("format", "webp"), ("maxWidth", "1200")));

        using var image = converted.Decode();
        Assert.Equal("heic", converted.Result.Input.Format);
        Assert.Equal("webp", converted.DetectedFormat());
        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Fact]
    public async Task An_animated_gif_becomes_an_animated_webp_with_every_frame_and_its_timing()
    {
        var converted = await Shared.ConvertFileAsync("anim_rotating_earth_400x400.gif", Options(("format", "webp")));

        using var source = Image.Load(TestImage("anim_rotating_earth_400x400.gif"));
        using var output = converted.Decode();
        Assert.Equal(44, source.Frames.Count);
        Assert.Equal(source.Frames.Count, output.Frames.Count);
        Assert.Equal(44, converted.Result.Output.Frames);
        for (var frame = 0; frame < output.Frames.Count; frame++)
        {
            var gifDelayMs = source.Frames[frame].Metadata.GetGifMetadata().FrameDelay * 10;
            Assert.Equal((uint)gifDelayMs, output.Frames[frame].Metadata.GetWebpMetadata().FrameDelay);
        }
    }

    [Fact]
    public async Task A_png_with_alpha_keeps_its_transparency_in_webp()
    {
        var converted = await Shared.ConvertFileAsync("alpha_paper_2048x1536.png", Options(("format", "webp"), ("maxWidth", "512")));

        using var output = converted.Decode().CloneAs<Rgba32>();
        Assert.Equal(WebpFileFormatType.Lossy, Image.Identify(converted.Bytes).Metadata.GetWebpMetadata().FileFormat);
        var alphas = Alphas(output);
        Assert.Contains(alphas, alpha => alpha == 0);
        Assert.Contains(alphas, alpha => alpha == 255);
        Assert.Contains(alphas, alpha => alpha is > 20 and < 235);
    }

    [Fact]
    public async Task A_png_with_alpha_is_flattened_onto_white_in_jpeg_or_onto_the_chosen_background()
    {
        using var source = Image.Load<Rgba32>(TestImage("alpha_paper_2048x1536.png"));
        var (x, y) = FirstFullyTransparentPixel(source);

        var white = await Shared.ConvertFileAsync("alpha_paper_2048x1536.png", Options(("format", "jpeg")));
        var navy = await Shared.ConvertFileAsync("alpha_paper_2048x1536.png", Options(("format", "jpeg"), ("background", "#102040")));

        using var onWhite = white.Decode().CloneAs<Rgb24>();
        using var onNavy = navy.Decode().CloneAs<Rgb24>();
        Assert.Equal("jpeg", white.DetectedFormat());
        AssertClose(new Rgb24(255, 255, 255), onWhite[x, y], 6);
        AssertClose(new Rgb24(0x10, 0x20, 0x40), onNavy[x, y], 6);
    }

    [Fact]
    public async Task Exif_orientation_6_is_baked_into_the_pixels_so_the_output_stands_upright()
    {
        // Stored 60×40 landscape with a red top-left corner; orientation 6 says "rotate 90° clockwise to view".
        using var stored = new Image<Rgb24>(60, 40, new Rgb24(0, 0, 255));
        for (var row = 0; row < 10; row++)
        {
            for (var column = 0; column < 10; column++)
            {
                stored[column, row] = new Rgb24(255, 0, 0);
            }
        }
        stored.Metadata.ExifProfile = new ExifProfile();
        stored.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
        using var file = new MemoryStream();
        await stored.SaveAsJpegAsync(file, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 100 });

        var converted = await Shared.ConvertAsync(file.ToArray(), Options(("format", "png")));

        using var upright = converted.Decode().CloneAs<Rgb24>();
        Assert.Equal((40, 60), (upright.Width, upright.Height));
        Assert.Equal((40, 60), (converted.Result.Input.Width, converted.Result.Input.Height));
        AssertClose(new Rgb24(255, 0, 0), upright[35, 4], 40);
        AssertClose(new Rgb24(0, 0, 255), upright[4, 4], 40);
        Assert.Null(Image.Identify(converted.Bytes).Metadata.ExifProfile);
    }

    [Fact]
    public async Task A_cmyk_jpeg_comes_out_in_the_srgb_colours_imagemagick_gives_not_inverted()
    {
        var converted = await Shared.ConvertFileAsync("generated/cmyk_swop_red_blue_64x32.jpg", Options(("format", "png")));

        // The reference: ImageMagick's own SWOP → sRGB conversion of the same file (see TestImages/SOURCES.md).
        using var output = converted.Decode().CloneAs<Rgb24>();
        AssertClose(new Rgb24(0xED, 0x1E, 0x25), output[8, 16], 8);
        AssertClose(new Rgb24(0x42, 0x74, 0xBA), output[56, 16], 8);
    }

    [Fact]
    public async Task An_adobe_rgb_tagged_jpeg_is_converted_to_srgb_not_washed_out()
    {
        var converted = await Shared.ConvertFileAsync("generated/adobergb_srgb_1ea03c_32x32.jpg", Options(("format", "png")));

        using var output = converted.Decode().CloneAs<Rgb24>();
        AssertClose(new Rgb24(0x1E, 0xA0, 0x3C), output[16, 16], 10);
        Assert.Null(Image.Identify(converted.Bytes).Metadata.IccProfile);
    }

    [Fact]
    public async Task Camera_metadata_is_stripped_by_default_and_kept_on_request()
    {
        Assert.NotNull(Image.Identify(TestImage(CameraJpeg)).Metadata.ExifProfile);

        var stripped = await Shared.ConvertFileAsync(CameraJpeg, Options(("format", "jpeg"), ("maxWidth", "300")));
        var kept = await Shared.ConvertFileAsync(CameraJpeg, Options(("format", "jpeg"), ("maxWidth", "300"), ("keepMetadata", "true")));

        Assert.Null(Image.Identify(stripped.Bytes).Metadata.ExifProfile);
        var exif = Image.Identify(kept.Bytes).Metadata.ExifProfile;
        Assert.NotNull(exif);
        Assert.True(exif.TryGetValue(ExifTag.Make, out var make));
        Assert.Contains("OLYMPUS", make.Value, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Lossless_webp_and_palette_png_are_what_they_say()
    {
        var lossless = await Shared.ConvertFileAsync("alpha_paper_2048x1536.png", Options(("format", "webp"), ("lossless", "true"), ("maxWidth", "256")));
        var palette = await Shared.ConvertFileAsync("alpha_paper_2048x1536.png", Options(("format", "png"), ("palette", "true"), ("maxWidth", "256")));
        var progressive = await Shared.ConvertFileAsync(CameraJpeg, Options(("format", "jpeg"), ("progressive", "true"), ("maxWidth", "256")));

        Assert.Equal(WebpFileFormatType.Lossless, Image.Identify(lossless.Bytes).Metadata.GetWebpMetadata().FileFormat);
        Assert.Equal(SixLabors.ImageSharp.Formats.Png.PngColorType.Palette, Image.Identify(palette.Bytes).Metadata.GetPngMetadata().ColorType);
        Assert.True(Image.Identify(progressive.Bytes).Metadata.GetJpegMetadata().Progressive);
    }

    private static List<byte> Alphas(Image<Rgba32> image)
    {
        var alphas = new List<byte>();
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y += 4)
            {
                foreach (var pixel in rows.GetRowSpan(y))
                {
                    alphas.Add(pixel.A);
                }
            }
        });
        return alphas;
    }

    private static (int X, int Y) FirstFullyTransparentPixel(Image<Rgba32> image)
    {
        for (var y = 0; y < image.Height; y += 7)
        {
            for (var x = 0; x < image.Width; x += 7)
            {
                if (image[x, y].A == 0)
                {
                    return (x, y);
                }
            }
        }
        throw new InvalidOperationException("no transparent pixel");
    }

    internal static void AssertClose(Rgb24 expected, Rgb24 actual, int tolerance) =>
        Assert.True(
            Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance && Math.Abs(expected.B - actual.B) <= tolerance,
            $"expected {expected} ± {tolerance}, was {actual}");
}
