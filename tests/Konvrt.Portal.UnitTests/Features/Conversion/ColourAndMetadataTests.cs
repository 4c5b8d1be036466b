using ImageMagick;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using ExifProfile = SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifProfile;
using ExifTag = SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag;
using Xunit;
using static Konvrt.Portal.UnitTests.Features.Conversion.ConversionKit;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

/// <summary>
/// Every output is sRGB whatever the source's colour model or profile (CMYK, Adobe RGB, Display P3), on every
/// output path; metadata kept on request is what the output format can carry, from every input that has it.
/// </summary>
public sealed class ColourAndMetadataTests
{
    private const string CmykJpeg = "generated/cmyk_swop_red_blue_64x32.jpg";
    private const string AdobeRgbJpeg = "generated/adobergb_srgb_1ea03c_32x32.jpg";
    private const string DisplayP3Heic = "heic2_iphone13promax_3024x4032.heic";

    public static TheoryData<string> EveryOutput => ["webp", "jpeg", "png", "gif", "avif"];

    [Fact]
    public async Task A_cmyk_jpeg_becomes_a_three_component_ycbcr_jpeg_in_srgb_colours()
    {
        Assert.Equal(4, EncodedStructure.Jpeg(File.ReadAllBytes(TestImage(CmykJpeg))).Components);

        var converted = await Shared.ConvertFileAsync(CmykJpeg, Options(("format", "jpeg")));

        Assert.Equal(3, EncodedStructure.Jpeg(converted.Bytes).Components);
        using var output = converted.Decode().CloneAs<Rgb24>();
        // ImageMagick's own SWOP → sRGB conversion of the same file (TestImages/SOURCES.md); JPEG's blocks blur the edge.
        AssertClose(new Rgb24(0xED, 0x1E, 0x25), output[8, 16], 12);
        AssertClose(new Rgb24(0x42, 0x74, 0xBA), output[56, 16], 12);
    }

    [Theory]
    [MemberData(nameof(EveryOutput))]
    public async Task An_adobe_rgb_jpeg_comes_out_in_srgb_in_every_format(string format)
    {
        var converted = await Shared.ConvertFileAsync(AdobeRgbJpeg, Options(("format", format)));

        using var output = converted.Decode().CloneAs<Rgb24>();
        // The raw, unconverted pixels are #5D9F46: a washed-out green would be that far from the reference.
        AssertClose(new Rgb24(0x1E, 0xA0, 0x3C), output[16, 16], 12);
    }

    [Theory]
    [MemberData(nameof(EveryOutput))]
    public async Task A_cmyk_jpeg_comes_out_in_srgb_in_every_format(string format)
    {
        var converted = await Shared.ConvertFileAsync(CmykJpeg, Options(("format", format)));

        using var output = converted.Decode().CloneAs<Rgb24>();
        AssertClose(new Rgb24(0xED, 0x1E, 0x25), output[8, 16], 14);
        AssertClose(new Rgb24(0x42, 0x74, 0xBA), output[56, 16], 14);
    }

    [Theory]
    [InlineData("webp")]
    [InlineData("jpeg")]
    [InlineData("png")]
    [InlineData("avif")]
    public async Task A_display_p3_heic_comes_out_in_srgb_colours(string format)
    {
        var converted = await Shared.ConvertFileAsync(DisplayP3Heic, Options(("format", format), ("maxWidth", "60")));

        using var output = converted.Decode().CloneAs<Rgb24>();
        var ours = MeanColour(output);
        var srgb = MeanColour(Reference(DisplayP3Heic, output.Width, output.Height, toSrgb: true));
        var p3 = MeanColour(Reference(DisplayP3Heic, output.Width, output.Height, toSrgb: false));
        // The photo's colours sit where P3 and sRGB part ways: the two references are measurably apart, and the
        // output's average colour (compression noise averages out) is ImageMagick's sRGB conversion's.
        Assert.True(Distance(p3, srgb) > 3, $"the references differ by only {Distance(p3, srgb):0.00}");
        Assert.True(Distance(ours, srgb) < 1.5 && Distance(ours, p3) > 2,
            $"{format}: {Distance(ours, srgb):0.00} from ImageMagick's sRGB conversion, {Distance(ours, p3):0.00} from the unconverted P3 pixels");
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("webp")]
    [InlineData("png")]
    public async Task Heic_camera_metadata_is_kept_on_request_with_the_orientation_applied(string format)
    {
        var kept = await Shared.ConvertFileAsync(DisplayP3Heic, Options(("format", format), ("maxWidth", "300"), ("keepMetadata", "true")));
        var stripped = await Shared.ConvertFileAsync(DisplayP3Heic, Options(("format", format), ("maxWidth", "300")));

        var read = Image.Identify(kept.Bytes);
        var exif = read.Metadata.ExifProfile;
        Assert.NotNull(exif);
        Assert.Equal("Apple", Tag(exif, ExifTag.Make));
        Assert.Equal("iPhone 13 Pro Max", Tag(exif, ExifTag.Model));
        Assert.Equal("2022:02:16 12:55:41", Tag(exif, ExifTag.DateTimeOriginal));
        // libheif turned the picture upright (it is stored with a quarter turn): the tag must not turn it again.
        Assert.True(!exif.TryGetValue(ExifTag.Orientation, out var orientation) || orientation.Value == 1);
        Assert.Equal((300, 400), (read.Width, read.Height));
        // The pixels are sRGB now, and the profile says so: not Display P3 any more. (ImageSharp does not surface an
        // sRGB profile from a PNG, so there the iCCP chunk itself is the evidence.)
        if (format == "png")
        {
            Assert.Contains("iCCP", Chunks(kept.Bytes));
        }
        else
        {
            Assert.Contains("sRGB", IccDescription(read.Metadata.IccProfile), StringComparison.OrdinalIgnoreCase);
        }

        var bare = Image.Identify(stripped.Bytes).Metadata;
        Assert.Null(bare.ExifProfile);
        Assert.Null(bare.IccProfile);
    }

    [Fact]
    public async Task Heic_gps_and_xmp_are_kept_on_request()
    {
        var kept = await Shared.ConvertFileAsync("heic1_iphone13pro_pug_4032x3024.heic",
            Options(("format", "jpeg"), ("maxWidth", "300"), ("keepMetadata", "true")));

        var metadata = Image.Identify(kept.Bytes).Metadata;
        Assert.NotNull(metadata.XmpProfile);
        Assert.True(metadata.ExifProfile?.TryGetValue(ExifTag.GPSLatitude, out _));
    }

    [Fact]
    public async Task Avif_keeps_heic_exif_xmp_and_the_srgb_profile_on_request()
    {
        var kept = await Shared.ConvertFileAsync("heic1_iphone13pro_pug_4032x3024.heic",
            Options(("format", "avif"), ("maxWidth", "200"), ("keepMetadata", "true")));

        // ImageSharp does not read AVIF; ImageMagick, which wrote it, reads it back.
        using var read = new MagickImage(kept.Bytes, new MagickReadSettings { Format = MagickFormat.Avif });
        Assert.Equal("Apple", read.GetExifProfile()?.GetValue(ImageMagick.ExifTag.Make)?.Value);
        Assert.NotNull(read.GetXmpProfile());
        Assert.Contains("sRGB", read.GetColorProfile()?.Description ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_adobe_rgb_profile_never_tags_pixels_that_were_converted_to_srgb()
    {
        var kept = await Shared.ConvertFileAsync(AdobeRgbJpeg, Options(("format", "jpeg"), ("keepMetadata", "true")));

        Assert.DoesNotContain("Adobe", IccDescription(Image.Identify(kept.Bytes).Metadata.IccProfile), StringComparison.OrdinalIgnoreCase);
        using var output = kept.Decode().CloneAs<Rgb24>();
        AssertClose(new Rgb24(0x1E, 0xA0, 0x3C), output[16, 16], 12);
    }

    [Fact]
    public async Task Jpeg_metadata_kept_on_request_keeps_its_exif_with_orientation_one()
    {
        var kept = await Shared.ConvertFileAsync("photo3_iphone6_3264x2448.jpg", Options(("format", "webp"), ("maxWidth", "300"), ("keepMetadata", "true")));

        var exif = Image.Identify(kept.Bytes).Metadata.ExifProfile;
        Assert.NotNull(exif);
        Assert.Contains("iPhone 6", Tag(exif, ExifTag.Model), StringComparison.Ordinal);
        Assert.True(!exif.TryGetValue(ExifTag.Orientation, out var orientation) || orientation.Value == 1);
    }

    private static IEnumerable<string> Chunks(byte[] png)
    {
        for (var at = 8; at + 8 <= png.Length; at += 12 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at)))
        {
            yield return System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
        }
    }

    private static string? Tag(ExifProfile exif, SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag<string> tag) => exif.TryGetValue(tag, out var value) ? value.Value : null;

    /// <summary>The profile's description, read by ImageMagick's ICC parser (ImageSharp keeps its tag types to itself).</summary>
    private static string IccDescription(IccProfile? profile) =>
        profile?.ToByteArray() is { } bytes ? new ColorProfile(bytes).Description ?? "" : "";

    private static MagickImage Reference(string name, int width, int height, bool toSrgb)
    {
        var image = new MagickImage(TestImage(name), new MagickReadSettings { Format = MagickFormat.Heic });
        if (toSrgb)
        {
            image.TransformColorSpace(ColorProfiles.SRGB);
        }
        image.FilterType = FilterType.Lanczos;
        image.Resize(new MagickGeometry((uint)width, (uint)height) { IgnoreAspectRatio = true });
        return image;
    }

    private static (double R, double G, double B) MeanColour(Image<Rgb24> image)
    {
        double r = 0, g = 0, b = 0;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (var pixel in rows.GetRowSpan(y))
                {
                    (r, g, b) = (r + pixel.R, g + pixel.G, b + pixel.B);
                }
            }
        });
        double count = image.Width * image.Height;
        return (r / count, g / count, b / count);
    }

    private static (double R, double G, double B) MeanColour(MagickImage reference)
    {
        using (reference)
        using (var pixels = reference.GetPixelsUnsafe())
        using (var image = Image.LoadPixelData<Rgb24>(pixels.ToByteArray(PixelMapping.RGB)!, (int)reference.Width, (int)reference.Height))
        {
            return MeanColour(image);
        }
    }

    private static double Distance((double R, double G, double B) first, (double R, double G, double B) second) =>
        Math.Max(Math.Abs(first.R - second.R), Math.Max(Math.Abs(first.G - second.G), Math.Abs(first.B - second.B)));

    private static void AssertClose(Rgb24 expected, Rgb24 actual, int tolerance) =>
        Assert.True(Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance && Math.Abs(expected.B - actual.B) <= tolerance,
            $"expected about {expected}, got {actual}");
}
