using System.Text;
using Konvrt.Portal.Features.Conversion;
using static Konvrt.Portal.UnitTests.Features.Conversion.ConversionKit;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

/// <summary>
/// A fuzz-style sweep: damaged versions of every sample and things that are not images at all. The only
/// acceptable outcomes are a conversion or a <see cref="ConversionException"/>: never any other exception.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly string[] Samples =
    [
        "photo1_olympus-ep3_4032x3024.jpg", "photo2_nokia83_4608x1976.jpg", "photo3_iphone6_3264x2448.jpg",
        "heic1_iphone13pro_pug_4032x3024.heic", "heic2_iphone13promax_3024x4032.heic", "alpha_paper_2048x1536.png",
        "anim_rotating_earth_400x400.gif", "generated/photo3_320x240.avif",
    ];

    public static TheoryData<string> SampleNames() => [.. Samples];

    private static async Task<ConversionError?> OutcomeAsync(byte[] input)
    {
        try
        {
            await Shared.ConvertAsync(input, Options(("format", "webp"), ("maxWidth", "128")));
            return null;
        }
        catch (ConversionException refusal)
        {
            return refusal.Error;
        }
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public async Task Every_sample_cut_short_at_each_tenth_is_refused_as_invalid_never_half_converted(string name)
    {
        var whole = File.ReadAllBytes(TestImage(name));
        for (var tenth = 1; tenth <= 9; tenth++)
        {
            var outcome = await OutcomeAsync(whole[..(whole.Length * tenth / 10)]);
            Assert.True(outcome == ConversionError.InvalidImage, $"{name} cut at {tenth}0 % gave {outcome?.ToString() ?? "a conversion"}");
        }
    }

    [Fact]
    public async Task Data_after_the_end_of_a_jpeg_as_in_motion_photos_does_not_make_it_invalid()
    {
        var photo = File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg"));
        var withVideo = photo.Concat(Enumerable.Range(0, 5000).Select(i => (byte)(i * 31))).ToArray();

        Assert.Null(await OutcomeAsync(withVideo));
    }

    [Fact]
    public async Task A_progressive_jpeg_with_many_scans_is_read_to_its_end()
    {
        var progressive = await Shared.ConvertFileAsync("photo2_nokia83_4608x1976.jpg", Options(("format", "jpeg"), ("progressive", "true"), ("maxWidth", "800")));

        Assert.Null(await OutcomeAsync(progressive.Bytes));
        Assert.Equal(ConversionError.InvalidImage, await OutcomeAsync(progressive.Bytes[..(progressive.Bytes.Length * 8 / 10)]));
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public async Task Every_sample_with_random_bytes_flipped_is_converted_or_refused_with_a_typed_error(string name)
    {
        var whole = File.ReadAllBytes(TestImage(name));
        var random = new Random(name.Length * 7919);
        for (var variant = 0; variant < 4; variant++)
        {
            var damaged = (byte[])whole.Clone();
            for (var flip = 0; flip < 24; flip++)
            {
                // Half the flips land in the first kilobyte, where the headers that steer decoding live.
                var at = flip % 2 == 0 ? random.Next(Math.Min(1024, damaged.Length)) : random.Next(damaged.Length);
                damaged[at] ^= (byte)(1 << random.Next(8));
            }
            await OutcomeAsync(damaged);
        }
    }

    public static TheoryData<string, string> NonImages() => new()
    {
        { "text", "Just some words in a file called photo.jpg\n" },
        { "html", "<!DOCTYPE html><html><head><title>x</title></head><body><img src=x onerror=alert(1)></body></html>" },
        { "svg with script", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><script>alert(1)</script><rect width=\"100\" height=\"100\"/></svg>" },
        { "imagemagick mvg", "push graphic-context\nviewbox 0 0 640 480\nfill 'url(https://example.com/x.jpg\"|touch \"/tmp/konvrt-mvg-pwned)'\npop graphic-context\n" },
        { "imagemagick msl", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<image>\n<read filename=\"caption:owned\" />\n<write filename=\"/tmp/konvrt-msl-pwned.png\" />\n</image>\n" },
        { "json", "{\"format\":\"webp\",\"image\":\"not really\"}" },
        { "pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" },
    };

    [Theory]
    [MemberData(nameof(NonImages))]
    public async Task Non_images_are_unsupported_and_scripts_among_them_are_never_interpreted(string kind, string content)
    {
        File.Delete("/tmp/konvrt-msl-pwned.png");
        File.Delete("/tmp/konvrt-mvg-pwned");

        var outcome = await OutcomeAsync(Encoding.UTF8.GetBytes(content));

        Assert.True(outcome == ConversionError.UnsupportedFormat, $"{kind} gave {outcome}");
        Assert.False(File.Exists("/tmp/konvrt-msl-pwned.png"));
        Assert.False(File.Exists("/tmp/konvrt-mvg-pwned"));
    }

    [Fact]
    public async Task A_script_dressed_up_as_heic_reaches_imagemagick_only_as_heic_and_is_refused()
    {
        File.Delete("/tmp/konvrt-msl-pwned.png");
        var disguised = Encoding.ASCII.GetBytes("\0\0\0\x18" + "ftypheic\0\0\0\0mif1heic")
            .Concat(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><image><read filename=\"caption:x\"/><write filename=\"/tmp/konvrt-msl-pwned.png\"/></image>"))
            .ToArray();

        var outcome = await OutcomeAsync(disguised);

        Assert.Equal(ConversionError.InvalidImage, outcome);
        Assert.False(File.Exists("/tmp/konvrt-msl-pwned.png"));
    }

    [Fact]
    public async Task An_empty_file_is_refused_as_invalid() =>
        Assert.Equal(ConversionError.InvalidImage, await OutcomeAsync([]));
}
