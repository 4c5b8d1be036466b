using Konvrt.Portal.Features.Conversion;
using SixLabors.ImageSharp;
using static Konvrt.Portal.UnitTests.Features.Conversion.ConversionKit;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

public sealed class EngineStreamTests
{
    [Fact]
    public async Task Forward_only_streams_in_and_out_still_give_a_valid_animated_webp()
    {
        await using var source = new ForwardOnlyStream(new MemoryStream(File.ReadAllBytes(TestImage("anim_rotating_earth_400x400.gif"))));
        using var sink = new MemoryStream();
        await using var destination = new ForwardOnlyStream(sink);

        var result = await Shared.ConvertAsync(source, Options(("format", "webp"), ("maxWidth", "200")), destination);

        using var output = Image.Load(sink.ToArray());
        Assert.Equal(44, output.Frames.Count);
        Assert.Equal((200, 200), (output.Width, output.Height));
        Assert.Equal(sink.Length, result.Output.Bytes);
        Assert.Equal(1_001_718, result.Input.Bytes);
    }

    [Fact]
    public async Task A_stream_positioned_after_a_prefix_is_read_from_where_it_stands()
    {
        var photo = File.ReadAllBytes(TestImage("photo3_iphone6_3264x2448.jpg"));
        using var source = new MemoryStream([.. "prefix"u8.ToArray(), .. photo]) { Position = 6 };
        using var output = new MemoryStream();

        var result = await Shared.ConvertAsync(source, Options(("format", "png"), ("maxWidth", "64")), output);

        Assert.Equal(photo.Length, result.Input.Bytes);
        Assert.Equal("jpeg", result.Input.Format);
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
