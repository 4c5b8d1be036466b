using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Pbm;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Qoi;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;
using static Konvrt.Portal.UnitTests.Features.Conversion.ConversionKit;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

public sealed class EveryInputToEveryOutputTests
{
    private static readonly Lazy<Image> Photo = new(() =>
    {
        var image = Image.Load(TestImage("photo3_iphone6_3264x2448.jpg"));
        image.Mutate(context => context.Resize(320, 240));
        return image;
    });

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var input in new[] { "jpeg", "png", "gif", "webp", "bmp", "tiff", "tga", "qoi", "pbm", "heic", "avif" })
        {
            foreach (var output in new[] { "webp", "jpeg", "png", "gif", "avif" })
            {
                data.Add(input, output);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Every_supported_input_converts_to_every_output_that_decodes_back_at_the_right_size(string input, string output)
    {
        var converted = await Shared.ConvertAsync(Input(input), Options(("format", output), ("maxWidth", "160")));

        using var decoded = converted.Decode();
        Assert.Equal(input, converted.Result.Input.Format);
        Assert.Equal(output, converted.Result.Output.Format);
        Assert.Equal(ExpectedContainer(output), converted.DetectedFormat());
        Assert.Equal(160, decoded.Width);
        Assert.Equal(120, decoded.Height);
    }

    private static string ExpectedContainer(string output) => output switch
    {
        "avif" => "avif",
        _ => output,
    };

    private static byte[] Input(string format)
    {
        if (format == "heic")
        {
            return File.ReadAllBytes(TestImage("heic1_iphone13pro_pug_4032x3024.heic"));
        }
        if (format == "avif")
        {
            return File.ReadAllBytes(TestImage("generated/photo3_320x240.avif"));
        }
        IImageEncoder encoder = format switch
        {
            "jpeg" => new JpegEncoder(),
            "png" => new PngEncoder(),
            "gif" => new GifEncoder(),
            "webp" => new WebpEncoder(),
            "bmp" => new BmpEncoder(),
            "tiff" => new TiffEncoder(),
            "tga" => new TgaEncoder(),
            "qoi" => new QoiEncoder(),
            "pbm" => new PbmEncoder { ColorType = PbmColorType.Rgb },
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        using var file = new MemoryStream();
        Photo.Value.Save(file, encoder);
        return file.ToArray();
    }
}
