using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Conversion.Steps;
using SixLabors.ImageSharp.Processing;
using Konvrt.Portal.Features.Conversion.Output;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;
using static Konvrt.Portal.UnitTests.Features.Conversion.ConversionKit;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

/// <summary><c>format=auto</c> and <c>quality=auto</c>: chosen per image, among what the caller accepts, within their encode budgets.</summary>
public sealed class AutoChoiceTests
{
    private const string Photo = "photo3_iphone6_3264x2448.jpg";

    [Fact]
    public async Task A_photo_gets_the_smaller_of_the_two_best_formats_it_accepts()
    {
        var webp = await Shared.ConvertFileAsync(Photo, Options(("format", "webp"), ("maxWidth", "600")));
        var jpeg = await Shared.ConvertFileAsync(Photo, Options(("format", "jpeg"), ("maxWidth", "600")));

        var auto = await Shared.ConvertFileAsync(Photo, Options(("format", "auto"), ("accept", "jpeg,webp"), ("maxWidth", "600")));

        var smaller = webp.Bytes.Length <= jpeg.Bytes.Length ? webp : jpeg;
        Assert.Equal(smaller.Result.Output.Format, auto.Result.Output.Format);
        Assert.Equal(smaller.Result.Output.Format, auto.DetectedFormat());
        Assert.Equal(smaller.Bytes.Length, auto.Bytes.Length);
    }

    [Fact]
    public async Task Avif_is_chosen_only_where_the_caller_names_it()
    {
        var unnamed = await Shared.ConvertFileAsync(Photo, Options(("format", "auto"), ("maxWidth", "400")));
        var named = await Shared.ConvertFileAsync(Photo, Options(("format", "auto"), ("accept", "avif,webp,jpeg"), ("maxWidth", "400")));
        var jpegOnly = await Shared.ConvertFileAsync(Photo, Options(("format", "auto"), ("accept", "jpeg"), ("maxWidth", "400")));

        Assert.Equal("webp", unnamed.Result.Output.Format);
        // The two best of avif, webp, jpeg are compared; at equal settings AVIF is the smaller on a photo.
        Assert.Equal("avif", named.Result.Output.Format);
        Assert.Equal("jpeg", jpegOnly.Result.Output.Format);
    }

    [Theory]
    [InlineData("", "webp")]
    [InlineData("jpeg,png", "png")]
    [InlineData("jpeg", "jpeg")]
    public async Task Transparency_goes_to_webp_then_png_and_is_flattened_only_when_nothing_else_is_accepted(string accept, string expected)
    {
        var converted = await Shared.ConvertFileAsync("alpha_paper_2048x1536.png",
            Options([("format", "auto"), ("maxWidth", "300"), .. accept.Length > 0 ? [("accept", accept)] : Array.Empty<(string, string)>()]));

        Assert.Equal(expected, converted.Result.Output.Format);
        using var image = converted.Decode().CloneAs<Rgba32>();
        Assert.Equal(expected != "jpeg", Enumerable.Range(0, image.Width).Any(x => image[x, 0].A < 255 || image[x, image.Height / 2].A < 255));
    }

    [Fact]
    public async Task An_opaque_png_is_treated_as_the_photo_it_is()
    {
        using var opaque = new Image<Rgba32>(64, 48, new Rgba32(40, 120, 200, 255));
        using var stream = new MemoryStream();
        await opaque.SaveAsPngAsync(stream);

        var converted = await Shared.ConvertAsync(stream.ToArray(), Options(("format", "auto"), ("accept", "png,jpeg")));

        Assert.Equal("jpeg", converted.Result.Output.Format);
    }

    [Theory]
    [InlineData("", "webp")]
    [InlineData("gif,jpeg", "gif")]
    public async Task An_animation_stays_animated_in_webp_or_gif(string accept, string expected)
    {
        var converted = await Shared.ConvertFileAsync("anim_rotating_earth_400x400.gif",
            Options([("format", "auto"), ("maxWidth", "120"), .. accept.Length > 0 ? [("accept", accept)] : Array.Empty<(string, string)>()]));

        Assert.Equal(expected, converted.Result.Output.Format);
        Assert.Equal(44, converted.Result.Output.Frames);
        using var image = Image.Load(converted.Bytes);
        Assert.Equal(44, image.Frames.Count);
    }

    [Fact]
    public async Task Auto_quality_keeps_the_target_and_spends_fewer_bytes_for_a_lower_one()
    {
        var finished = await Shared.ConvertFileAsync(Photo, Options(("format", "png"), ("maxWidth", "800")));
        var high = await Shared.ConvertFileAsync(Photo, Options(("format", "webp"), ("quality", "auto:high"), ("maxWidth", "800")));
        var good = await Shared.ConvertFileAsync(Photo, Options(("format", "webp"), ("quality", "auto"), ("maxWidth", "800")));
        var eco = await Shared.ConvertFileAsync(Photo, Options(("format", "jpeg"), ("quality", "auto:eco"), ("maxWidth", "800")));
        var ecoWebp = await Shared.ConvertFileAsync(Photo, Options(("format", "webp"), ("quality", "auto:eco"), ("maxWidth", "800")));

        using var reference = finished.Decode();
        var luma = LumaSsim.Luma(reference);
        double Score(Converted converted)
        {
            using var decoded = converted.Decode();
            return LumaSsim.Compare(luma, LumaSsim.Luma(decoded), reference.Width, reference.Height);
        }
        Assert.True(Score(high) >= 0.985, $"high: {Score(high):0.0000}");
        Assert.True(Score(good) >= 0.97, $"good: {Score(good):0.0000}");
        Assert.True(Score(eco) >= 0.955, $"eco (jpeg): {Score(eco):0.0000}");
        Assert.True(high.Bytes.Length > good.Bytes.Length && good.Bytes.Length > ecoWebp.Bytes.Length,
            $"high {high.Bytes.Length} B, good {good.Bytes.Length} B, eco {ecoWebp.Bytes.Length} B");
    }

    [Theory]
    [InlineData("auto:high")]
    [InlineData("auto")]
    [InlineData("auto:eco")]
    public async Task Auto_quality_encodes_at_most_three_times(string quality)
    {
        var options = Options(("format", "jpeg"), ("quality", quality));
        using var image = Image.Load(TestImage(Photo));
        image.Mutate(context => context.Resize(400, 300));
        using var converting = new ConvertingImage(image.Clone(_ => { }), options, ResizePlan.For(400, 300, options));
        var counting = new CountingEncoder(new JpegOutputEncoder());

        var found = await QualitySearch.SearchAsync(counting, converting, options.AutoQuality!.Value, CancellationToken.None);

        Assert.InRange(counting.Encodes, 1, 3);
        Assert.Equal(options, converting.Options);
        Assert.InRange(found.Quality, 30, 95);
    }

    private sealed class CountingEncoder(IOutputEncoder inner) : IOutputEncoder
    {
        public int Encodes { get; private set; }

        public OutputFormat Format => inner.Format;

        public Task EncodeAsync(ConvertingImage image, Stream output, CancellationToken cancellationToken)
        {
            Encodes++;
            return inner.EncodeAsync(image, output, cancellationToken);
        }
    }

    [Theory]
    [InlineData("auto", "auto")]
    [InlineData("AUTO:good", "auto")]
    [InlineData("auto:high", "auto:high")]
    [InlineData("auto:eco", "auto:eco")]
    [InlineData("70", "70")]
    public void Quality_reads_a_number_or_auto_with_its_target(string given, string canonical)
    {
        var options = Options(("format", "webp"), ("quality", given));

        Assert.Contains($"quality={canonical}", options.Normalized(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_auto_target_and_an_unknown_accepted_format_are_refused_with_what_is_allowed()
    {
        var invalid = Assert.Throws<InvalidConversionOptionsException>(() => Options(("format", "auto"), ("quality", "auto:best"), ("accept", "webp,bmp")));

        Assert.Contains("auto:high", invalid.Errors["quality"].Single(), StringComparison.Ordinal);
        Assert.Contains("'bmp'", invalid.Errors["accept"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Accepted_formats_are_recorded_in_one_order_and_only_for_auto()
    {
        Assert.StartsWith("format=auto;accept=avif,webp,jpeg;",
            Options(("format", "auto"), ("accept", " jpg, AVIF,webp ")).Normalized(), StringComparison.Ordinal);
        Assert.DoesNotContain("accept", Options(("format", "webp"), ("accept", "avif")).Normalized(), StringComparison.Ordinal);
    }
}
