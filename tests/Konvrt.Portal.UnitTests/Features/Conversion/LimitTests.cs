using System.Buffers.Binary;
using System.IO.Hashing;
using Konvrt.Portal.Features.Conversion;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static Konvrt.Portal.UnitTests.Features.Conversion.ConversionKit;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

public sealed class LimitTests
{
    /// <summary>A valid PNG header that claims any size, followed by no pixel data: under 60 bytes.</summary>
    private static byte[] PngClaiming(uint width, uint height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR"u8, header);
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        png.Write(word);
    }

    private static async Task<ConversionException> RefusedAsync(ImageConverter converter, byte[] input, params (string, string)[] options) =>
        await Assert.ThrowsAsync<ConversionException>(() => converter.ConvertAsync(input, Options(options)));

    [Theory]
    [InlineData(100_000u, 100_000u, "100000×100000")]
    [InlineData(1u, 500_000_000u, "1×500000000")]
    public async Task A_tiny_png_claiming_a_huge_size_is_refused_from_its_header_before_any_allocation(uint width, uint height, string size)
    {
        var bomb = PngClaiming(width, height);
        Assert.True(bomb.Length < 60);
        // A 16 MB allocator: had the engine tried to allocate the pixels, the refusal would speak of memory.
        var converter = Converter(new Dictionary<string, string?> { ["Conversion:Limits:MaxMemoryMegabytes"] = "16" });

        var refusal = await RefusedAsync(converter, bomb);

        Assert.Equal(ConversionError.ImageTooLarge, refusal.Error);
        Assert.Contains(size, refusal.Message);
        Assert.Contains("accepts up to 50 MP", refusal.Message);
    }

    [Fact]
    public async Task A_48_megapixel_phone_photo_passes_the_default_limits()
    {
        using var photo = new Image<Rgb24>(8000, 6000, new Rgb24(90, 120, 150));
        using var file = new MemoryStream();
        await photo.SaveAsJpegAsync(file);

        var converted = await Shared.ConvertAsync(file.ToArray(), Options(("format", "webp"), ("maxWidth", "1200")));

        Assert.Equal((1200, 900), (converted.Result.Output.Width, converted.Result.Output.Height));
        Assert.Equal((8000, 6000), (converted.Result.Input.Width, converted.Result.Input.Height));
    }

    [Fact]
    public async Task More_bytes_than_the_limit_are_refused_from_seekable_and_forward_only_streams_alike()
    {
        var converter = Converter(new Dictionary<string, string?> { ["Conversion:Limits:MaxInputBytes"] = "100000" });
        var photo = File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg"));

        var seekable = await RefusedAsync(converter, photo);
        var forwardOnly = await Assert.ThrowsAsync<ConversionException>(() =>
            converter.ConvertAsync(new GZipFreeForwardStream(photo), Options(), Stream.Null));

        Assert.Equal(ConversionError.InputTooLarge, seekable.Error);
        Assert.Equal(ConversionError.InputTooLarge, forwardOnly.Error);
    }

    [Fact]
    public async Task Too_many_frames_or_too_many_pixels_over_all_frames_are_refused()
    {
        var gif = File.ReadAllBytes(TestImage("anim_rotating_earth_400x400.gif"));

        var frames = await RefusedAsync(Converter(new Dictionary<string, string?> { ["Conversion:Limits:MaxFrames"] = "10" }), gif);
        var total = await RefusedAsync(Converter(new Dictionary<string, string?> { ["Conversion:Limits:MaxTotalPixels"] = "5000000" }), gif);

        Assert.Equal(ConversionError.TooManyFrames, frames.Error);
        Assert.Contains("44 frames", frames.Message);
        Assert.Equal(ConversionError.ImageTooLarge, total.Error);
    }

    [Fact]
    public async Task An_image_needing_more_memory_than_the_cap_is_a_typed_refusal_not_a_crash()
    {
        var converter = Converter(new Dictionary<string, string?> { ["Conversion:Limits:MaxMemoryMegabytes"] = "16" });

        var refusal = await RefusedAsync(converter, File.ReadAllBytes(TestImage("photo1_olympus-ep3_4032x3024.jpg")), ("format", "png"));

        Assert.Equal(ConversionError.ImageTooLarge, refusal.Error);
        Assert.Contains("more memory", refusal.Message);
    }

    [Fact]
    public async Task An_enlarged_output_beyond_the_pixel_limit_is_refused_before_decoding()
    {
        var refusal = await RefusedAsync(Shared, File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg")),
            ("width", "16000"), ("height", "16000"), ("fit", "fill"), ("enlarge", "true"));

        Assert.Equal(ConversionError.ImageTooLarge, refusal.Error);
        Assert.Contains("16000×16000", refusal.Message);
    }

    private sealed class GZipFreeForwardStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
