using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

public sealed class ConversionOptionsParserTests
{
    private static ConversionOptions Parse(params (string Name, string? Value)[] fields) =>
        ConversionOptionsParser.Parse(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)));

    [Fact]
    public void With_no_options_the_output_is_webp_at_quality_80_fitted_inside_without_enlarging()
    {
        var options = Parse();

        Assert.Equal(OutputFormat.Webp, options.Format);
        Assert.Equal(80, options.EffectiveQuality);
        Assert.Equal(FitMode.Inside, options.Fit);
        Assert.False(options.Enlarge);
        Assert.False(options.KeepMetadata);
    }

    [Theory]
    [InlineData("webp", 80)]
    [InlineData("jpeg", 82)]
    [InlineData("avif", 60)]
    public void Each_lossy_format_has_its_own_default_quality(string format, int quality) =>
        Assert.Equal(quality, Parse(("format", format)).EffectiveQuality);

    [Fact]
    public void The_tutorials_options_read_as_written_and_crop_with_a_box_means_cover()
    {
        var options = Parse(("format", "webp"), ("quality", "80"), ("width", "200"), ("height", "200"), ("crop", "center"));

        Assert.Equal((200, 200), (options.Width, options.Height));
        Assert.Equal(FitMode.Cover, options.Fit);
        Assert.Equal(CropGravity.Center, options.Crop);
    }

    [Fact]
    public void Names_match_without_regard_to_case_and_empty_values_count_as_not_given()
    {
        var options = Parse(("FORMAT", "png"), ("maxwidth", "300"), ("height", ""));

        Assert.Equal(OutputFormat.Png, options.Format);
        Assert.Equal(300, options.MaxWidth);
        Assert.Null(options.Height);
    }

    [Fact]
    public void Every_bad_option_is_listed_with_its_reason_in_one_error()
    {
        var error = Assert.Throws<InvalidConversionOptionsException>(() => Parse(
            ("format", "bmp"), ("quality", "0"), ("width", "-5"), ("fit", "squash"), ("crop", "middle"),
            ("background", "red"), ("enlarge", "maybe"), ("colour", "blue")));

        Assert.Equal(
            new[] { "background", "colour", "crop", "enlarge", "fit", "format", "quality", "width" },
            error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("webp, jpeg, png, gif, avif or auto", error.Errors["format"][0]);
        Assert.Contains("from 1 to 100", error.Errors["quality"][0]);
        Assert.Contains("#rrggbb", error.Errors["background"][0]);
        Assert.Contains("not a conversion option", error.Errors["colour"][0]);
    }

    [Fact]
    public void Contradictions_are_refused_crop_without_a_box_cover_without_a_box_lossless_jpeg()
    {
        var error = Assert.Throws<InvalidConversionOptionsException>(() =>
            Parse(("format", "jpeg"), ("lossless", "true"), ("width", "100"), ("crop", "top")));

        Assert.Contains("needs both width and height", error.Errors["crop"][0]);
        Assert.Contains("not jpeg", error.Errors["lossless"][0]);

        var fit = Assert.Throws<InvalidConversionOptionsException>(() => Parse(("fit", "cover"), ("maxWidth", "10")));
        Assert.Contains("needs both width and height", fit.Errors["fit"][0]);
    }

    [Fact]
    public void A_dimension_beyond_webps_limit_is_refused()
    {
        var error = Assert.Throws<InvalidConversionOptionsException>(() => Parse(("width", "100000")));
        Assert.Contains("from 1 to 16383", error.Errors["width"][0]);
    }

    [Fact]
    public void Equal_requests_normalize_to_equal_text_whatever_their_spelling_and_order()
    {
        var first = Parse(("format", "jpg"), ("width", "200"), ("height", "200"), ("crop", "center"));
        var second = Parse(("crop", "CENTER"), ("Height", "200"), ("quality", "82"), ("width", "200"), ("format", "jpeg"));
        var different = Parse(("format", "jpeg"), ("width", "200"), ("height", "200"), ("crop", "top"));

        Assert.Equal(first.Normalized(), second.Normalized());
        Assert.NotEqual(first.Normalized(), different.Normalized());
    }
}
