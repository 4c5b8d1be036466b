using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Conversion.Steps;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using static Konvrt.Portal.UnitTests.Features.Conversion.ConversionKit;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

/// <summary>Each step on a tiny in-memory image, with no engine and no host.</summary>
public sealed class ConversionStepTests
{
    private static ConvertingImage Holder(Image image, params (string, string)[] options)
    {
        var parsed = Options(options);
        return new ConvertingImage(image, parsed, ResizePlan.For(image.Width, image.Height, parsed));
    }

    /// <summary>40×10: a detailed (noisy) 10 px band at <paramref name="detailAt"/>, flat grey elsewhere.</summary>
    private static Image<Rgb24> Strip(int detailAt)
    {
        var image = new Image<Rgb24>(40, 10, new Rgb24(128, 128, 128));
        var random = new Random(7);
        for (var x = detailAt; x < detailAt + 10; x++)
        {
            for (var y = 0; y < 10; y++)
            {
                var value = (byte)random.Next(256);
                image[x, y] = new Rgb24(value, (byte)(255 - value), value);
            }
        }
        return image;
    }

    [Theory]
    [InlineData("left", 0)]
    [InlineData("center", 15)]
    [InlineData("right", 30)]
    public void Cover_crops_where_the_gravity_says(string gravity, int expectedX)
    {
        using var marked = new Image<Rgb24>(40, 10);
        for (var x = 0; x < 40; x++)
        {
            for (var y = 0; y < 10; y++)
            {
                marked[x, y] = new Rgb24((byte)x, 0, 0);
            }
        }
        using var holder = Holder(marked.Clone(), ("width", "10"), ("height", "10"), ("crop", gravity));

        new ResizeStep().Apply(holder);

        var result = holder.Image.CloneAs<Rgb24>();
        Assert.Equal((10, 10), (result.Width, result.Height));
        Assert.Equal(expectedX, result[0, 0].R);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public void Entropy_crop_keeps_the_detailed_part_of_the_picture(int detailAt)
    {
        using var holder = Holder(Strip(detailAt), ("width", "10"), ("height", "10"), ("crop", "entropy"));

        new ResizeStep().Apply(holder);

        Assert.Equal(detailAt, ResizeStep.CropOrigin(Strip(detailAt), new Size(10, 10), CropGravity.Entropy).X);
        var pixels = holder.Image.CloneAs<Rgb24>();
        Assert.NotEqual(new Rgb24(128, 128, 128), pixels[5, 5]);
    }

    [Fact]
    public void Contain_pads_a_photo_to_the_exact_box_with_transparency_for_formats_with_alpha()
    {
        using var holder = Holder(new Image<Rgb24>(40, 20, new Rgb24(200, 0, 0)), ("format", "png"), ("width", "20"), ("height", "20"), ("fit", "contain"));

        new ResizeStep().Apply(holder);

        var result = holder.Image.CloneAs<Rgba32>();
        Assert.Equal((20, 20), (result.Width, result.Height));
        Assert.Equal(0, result[10, 0].A);
        Assert.Equal(255, result[10, 10].A);
    }

    [Fact]
    public void Flatten_lays_transparency_onto_white_for_jpeg_and_leaves_other_formats_alone()
    {
        using var jpeg = Holder(new Image<Rgba32>(4, 4, new Rgba32(0, 0, 0, 0)), ("format", "jpeg"));
        using var webp = Holder(new Image<Rgba32>(4, 4, new Rgba32(0, 0, 0, 0)), ("format", "webp"));

        new FlattenStep().Apply(jpeg);
        new FlattenStep().Apply(webp);

        Assert.Equal(new Rgba32(255, 255, 255, 255), jpeg.Image.CloneAs<Rgba32>()[1, 1]);
        Assert.Equal(0, webp.Image.CloneAs<Rgba32>()[1, 1].A);
    }

    [Fact]
    public void Metadata_is_stripped_unless_asked_to_keep_it()
    {
        Image Tagged()
        {
            var image = new Image<Rgb24>(4, 4);
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.GPSLatitudeRef, "N");
            return image;
        }
        using var stripped = Holder(Tagged());
        using var kept = Holder(Tagged(), ("keepMetadata", "true"));

        new MetadataStep().Apply(stripped);
        new MetadataStep().Apply(kept);

        Assert.Null(stripped.Image.Metadata.ExifProfile);
        Assert.NotNull(kept.Image.Metadata.ExifProfile);
    }

    [Fact]
    public void Still_formats_keep_only_the_first_frame_and_animated_formats_keep_all()
    {
        Image Animation()
        {
            var image = new Image<Rgb24>(4, 4, new Rgb24(255, 0, 0));
            image.Frames.AddFrame(new Image<Rgb24>(4, 4, new Rgb24(0, 255, 0)).Frames.RootFrame);
            image.Frames.AddFrame(new Image<Rgb24>(4, 4, new Rgb24(0, 0, 255)).Frames.RootFrame);
            return image;
        }
        using var png = Holder(Animation(), ("format", "png"));
        using var gif = Holder(Animation(), ("format", "gif"));

        new FirstFrameStep().Apply(png);
        new FirstFrameStep().Apply(gif);

        Assert.Single(png.Image.Frames);
        Assert.Equal(new Rgb24(255, 0, 0), png.Image.CloneAs<Rgb24>()[0, 0]);
        Assert.Equal(3, gif.Image.Frames.Count);
    }

    [Fact]
    public void The_default_pipeline_drops_frames_before_orienting_and_resizing_and_strips_last()
    {
        var steps = ConversionPipelineBuilder.Default().Steps.Select(step => step.GetType()).ToList();

        Assert.Equal([typeof(FirstFrameStep), typeof(AutoOrientStep), typeof(ResizeStep), typeof(FlattenStep), typeof(MetadataStep)], steps);
    }
}
