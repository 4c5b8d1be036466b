using Konvrt.Portal.Components.Display;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Jobs.Uploads;
using Konvrt.Portal.Components.Options;
using Konvrt.Portal.Features.Presets;

namespace Konvrt.Portal.UnitTests.Features.Jobs;

public sealed class UploadHelpersTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1 KB")]
    [InlineData(157_286, "153.6 KB")]
    [InlineData(52_428_800, "50 MB")]
    [InlineData(3L * 1024 * 1024 * 1024, "3 GB")]
    public void Sizes_read_the_way_the_limits_are_written(long bytes, string shown) => Assert.Equal(shown, ByteSize.Format(bytes));

    [Fact]
    public void The_presets_are_the_documented_ones()
    {
        Assert.Equal("format=webp;quality=80;maxWidth=1200;fit=inside;enlarge=false;lossless=false;keepMetadata=false", ConversionPreset.Web.Options.Normalized());
        Assert.Equal("format=webp;quality=70;maxWidth=300;fit=inside;enlarge=false;lossless=false;keepMetadata=false", ConversionPreset.Thumbnail.Options.Normalized());
        Assert.Equal("format=webp;quality=80;width=200;height=200;fit=cover;crop=center;enlarge=false;lossless=false;keepMetadata=false", ConversionPreset.Avatar.Options.Normalized());
    }

    [Fact]
    public void Custom_options_go_through_the_api_s_parser_and_come_back_with_its_reasons()
    {
        var valid = new CustomOptions { ["format"] = "jpeg", ["quality"] = "90", ["width"] = "640", ["height"] = "480", ["fit"] = "cover", ["crop"] = "entropy", ["progressive"] = "true", ["background"] = "#ffffff" };
        var (options, errors) = valid.ToOptions();
        Assert.Empty(errors);
        Assert.Equal((OutputFormat.Jpeg, 90, FitMode.Cover, CropGravity.Entropy, true), (options!.Format, options.Quality, options.Fit, options.Crop, options.Progressive));

        var (none, reasons) = new CustomOptions { ["fit"] = "contain", ["width"] = "100", ["quality"] = "0", ["background"] = "blue-ish" }.ToOptions();
        Assert.Null(none);
        Assert.Equal(["background", "fit", "quality"], reasons.Keys.Order());
    }

    [Fact]
    public void Lossless_webp_sends_no_quality_and_png_gets_its_own_options()
    {
        var (lossless, _) = new CustomOptions { ["format"] = "webp", ["lossless"] = "true", ["quality"] = "0" }.ToOptions();
        Assert.True(lossless!.Lossless);

        var (png, _) = new CustomOptions { ["format"] = "png", ["compressionLevel"] = "9", ["palette"] = "true", ["progressive"] = "true" }.ToOptions();
        Assert.Equal((9, true, false), (png!.CompressionLevel, png.Palette, png.Progressive));
    }
}
