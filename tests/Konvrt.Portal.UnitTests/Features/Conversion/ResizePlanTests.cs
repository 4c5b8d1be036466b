using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Conversion.Steps;
using SixLabors.ImageSharp;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

public sealed class ResizePlanTests
{
    private static ResizePlan Plan(int width, int height, params (string, string)[] options) =>
        ResizePlan.For(width, height, ConversionKit.Options(options));

    [Theory]
    [InlineData("1200", 1200, 900)]
    [InlineData("300", 300, 225)]
    public void Max_width_scales_a_4032_by_3024_photo_keeping_its_shape(string maxWidth, int width, int height)
    {
        var plan = Plan(4032, 3024, ("maxWidth", maxWidth));

        Assert.Equal(new Size(width, height), plan.Scaled);
        Assert.Equal(plan.Scaled, plan.Canvas);
    }

    [Fact]
    public void A_square_cover_crop_scales_the_short_side_to_the_box_and_crops_the_long_one()
    {
        var plan = Plan(4032, 3024, ("width", "200"), ("height", "200"), ("crop", "center"));

        Assert.Equal(new Size(267, 200), plan.Scaled);
        Assert.Equal(new Size(200, 200), plan.Canvas);
    }

    [Fact]
    public void Without_enlarge_a_small_image_is_never_upscaled()
    {
        Assert.Equal(new Size(400, 300), Plan(400, 300, ("width", "1200")).Scaled);
        Assert.Equal(new Size(1200, 900), Plan(400, 300, ("width", "1200"), ("enlarge", "true")).Scaled);
        var cover = Plan(100, 50, ("width", "200"), ("height", "200"), ("crop", "center"));
        Assert.Equal(new Size(100, 50), cover.Canvas);
    }

    [Fact]
    public void Contain_pads_to_the_exact_box_and_fill_stretches_to_it()
    {
        var contain = Plan(4032, 3024, ("width", "200"), ("height", "200"), ("fit", "contain"));
        Assert.Equal(new Size(200, 150), contain.Scaled);
        Assert.Equal(new Size(200, 200), contain.Canvas);

        var fill = Plan(4032, 3024, ("width", "200"), ("height", "200"), ("fit", "fill"));
        Assert.Equal(new Size(200, 200), fill.Scaled);
    }

    [Fact]
    public void Max_bounds_shrink_an_explicit_box_keeping_its_shape()
    {
        var plan = Plan(4000, 4000, ("width", "1000"), ("height", "500"), ("fit", "cover"), ("maxWidth", "400"));

        Assert.Equal(new Size(400, 200), plan.Canvas);
    }

    [Fact]
    public void Width_alone_sets_the_height_from_the_aspect_ratio_and_nothing_keeps_the_size()
    {
        Assert.Equal(new Size(300, 400), Plan(3024, 4032, ("width", "300")).Scaled);
        Assert.Equal(new Size(3024, 4032), Plan(3024, 4032).Scaled);
    }

    [Fact]
    public void A_pixel_ceiling_shrinks_the_whole_picture_keeping_its_shape()
    {
        var plan = ResizePlan.For(4032, 3024, ConversionKit.Options() with { MaxPixels = 1_000_000 });

        Assert.Equal(new Size(1154, 866), plan.Scaled);
        Assert.Equal(plan.Scaled, plan.Canvas);
        Assert.True(plan.Canvas.Width * plan.Canvas.Height <= 1_000_000);
    }

    [Fact]
    public void A_pixel_ceiling_shrinks_a_crop_and_its_picture_alike_and_leaves_a_small_enough_output_as_asked()
    {
        var cover = ResizePlan.For(4032, 3024, ConversionKit.Options(("width", "2000"), ("height", "2000"), ("crop", "center")) with { MaxPixels = 1_000_000 });
        var small = ResizePlan.For(4032, 3024, ConversionKit.Options(("maxWidth", "1000")) with { MaxPixels = 1_000_000 });

        Assert.Equal(new Size(1000, 1000), cover.Canvas);
        Assert.Equal(new Size(1333, 1000), cover.Scaled);
        Assert.Equal(new Size(1000, 750), small.Canvas);
    }
}
