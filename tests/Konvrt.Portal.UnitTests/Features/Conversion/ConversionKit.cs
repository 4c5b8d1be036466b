using ImageMagick;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

/// <summary>The engine as the portal builds it, without any host; plus ways to read what it wrote.</summary>
internal static class ConversionKit
{
    public static ImageConverter Converter(IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        return new ServiceCollection().AddConversionEngine(configuration).BuildServiceProvider().GetRequiredService<ImageConverter>();
    }

    public static readonly ImageConverter Shared = Converter();

    public static string TestImage(string name) => Path.Combine(AppContext.BaseDirectory, "TestImages", name);

    public static ConversionOptions Options(params (string Name, string Value)[] fields) =>
        ConversionOptionsParser.Parse(fields.Select(field => KeyValuePair.Create(field.Name, (string?)field.Value)));

    public static async Task<Converted> ConvertAsync(this ImageConverter converter, byte[] input, ConversionOptions options)
    {
        using var source = new MemoryStream(input, writable: false);
        using var output = new MemoryStream();
        var result = await converter.ConvertAsync(source, options, output);
        return new Converted(result, output.ToArray());
    }

    public static Task<Converted> ConvertFileAsync(this ImageConverter converter, string name, ConversionOptions options) =>
        converter.ConvertAsync(File.ReadAllBytes(TestImage(name)), options);
}

internal sealed record Converted(ConversionResult Result, byte[] Bytes)
{
    /// <summary>The output decoded by an independent reader: ImageSharp, or ImageMagick for AVIF.</summary>
    public Image Decode()
    {
        if (Result.Output.Format == "avif")
        {
            using var magick = new MagickImage(Bytes, new MagickReadSettings { Format = MagickFormat.Avif });
            using var pixels = magick.GetPixelsUnsafe();
            return Image.LoadPixelData<SixLabors.ImageSharp.PixelFormats.Rgba32>(
                pixels.ToByteArray(PixelMapping.RGBA)!, (int)magick.Width, (int)magick.Height);
        }
        return Image.Load(Bytes);
    }

    public string DetectedFormat()
    {
        if (Bytes.Length > 12 && Bytes.AsSpan(4, 4).SequenceEqual("ftyp"u8))
        {
            return System.Text.Encoding.ASCII.GetString(Bytes, 8, 4);
        }
        return Image.DetectFormat(Bytes).Name.ToLowerInvariant();
    }
}
