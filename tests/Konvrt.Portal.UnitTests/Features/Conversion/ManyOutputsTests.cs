using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Input;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using static Konvrt.Portal.UnitTests.Features.Conversion.ConversionKit;

namespace Konvrt.Portal.UnitTests.Features.Conversion;

/// <summary>One source, several outputs: the source is decoded once and each output made from it.</summary>
public sealed class ManyOutputsTests
{
    [Fact]
    public async Task A_web_size_and_a_thumbnail_come_from_one_decode_each_with_its_own_format_and_size()
    {
        var counting = new DecodeCounter();
        var services = new ServiceCollection().AddConversionEngine(new ConfigurationBuilder().Build());
        var decoders = services.Where(service => service.ServiceType == typeof(IInputDecoder)).ToList();
        foreach (var decoder in decoders)
        {
            services.Remove(decoder);
            services.AddSingleton<IInputDecoder>(provider => counting.Wrap(
                (IInputDecoder)(decoder.ImplementationFactory?.Invoke(provider) ?? ActivatorUtilities.CreateInstance(provider, decoder.ImplementationType!))));
        }
        var converter = services.BuildServiceProvider().GetRequiredService<ImageConverter>();
        var outputs = new[] { Options(("format", "webp"), ("maxWidth", "1200")), Options(("format", "jpeg"), ("width", "300"), ("height", "300"), ("crop", "center")) };
        var written = new MemoryStream[] { new(), new() };

        await using var source = File.OpenRead(TestImage("photo1_olympus-ep3_4032x3024.jpg"));
        var result = await converter.ConvertManyAsync(source, outputs, (index, encode, ct) => encode(written[index], ct), onStage: null, CancellationToken.None);

        Assert.Equal(1, counting.Decodes);
        Assert.Equal(("webp", 1200, 900), (result.Outputs[0].Format, result.Outputs[0].Width, result.Outputs[0].Height));
        Assert.Equal(("jpeg", 300, 300), (result.Outputs[1].Format, result.Outputs[1].Width, result.Outputs[1].Height));
        Assert.Equal(("WEBP", 1200), (Image.DetectFormat(written[0].ToArray()).Name, Image.Identify(written[0].ToArray()).Width));
        Assert.Equal(("JPEG", 300), (Image.DetectFormat(written[1].ToArray()).Name, Image.Identify(written[1].ToArray()).Height));
        Assert.Equal(written.Select(stream => stream.Length), result.Outputs.Select(output => output.Bytes));
    }

    private sealed class DecodeCounter
    {
        private int decodes;

        public int Decodes => decodes;

        public IInputDecoder Wrap(IInputDecoder inner) => new Counted(inner, this);

        private sealed class Counted(IInputDecoder inner, DecodeCounter counter) : IInputDecoder
        {
            public bool Reads(InputFormat format) => inner.Reads(format);

            public Task<SourceImage> IdentifyAsync(Stream input, InputFormat format, long bytes, CancellationToken cancellationToken) =>
                inner.IdentifyAsync(input, format, bytes, cancellationToken);

            public Task<Image> DecodeAsync(Stream input, SourceImage source, DecodePlan plan, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref counter.decodes);
                return inner.DecodeAsync(input, source, plan, cancellationToken);
            }
        }
    }
}
