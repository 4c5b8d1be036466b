using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Konvrt.Portal.Features.Conversion.Steps;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;
using VipsImage = NetVips.Image;

namespace Konvrt.Portal.Features.Conversion.Output;

/// <summary>
/// The finished pixels handed from ImageSharp to libvips at the very end, for libvips' encoders (decision 0009).
/// Untrusted bytes never reach libvips: it only ever reads raw pixels ImageSharp decoded. Nothing is copied:
/// libvips reads each frame's own buffer, pinned until the encode is over (an animation is its frames stacked
/// top to bottom, as libvips expects, with their page height, delays in ms and loop count).
/// </summary>
internal sealed class VipsHandOver : IDisposable
{
    static VipsHandOver()
    {
        // Each conversion is one encode on one thread: the conversion gate already runs as many side by side as
        // there are cores, so libvips' own thread pool and its operation cache would only add memory.
        NetVips.Cache.Max = 0;
        NetVips.Cache.MaxMem = 0;
        NetVips.Cache.MaxFiles = 0;
        NetVips.NetVips.Concurrency = 1;
    }

    private readonly List<MemoryHandle> pins = [];
    private readonly List<VipsImage> frames = [];
    private Image? converted;

    private VipsHandOver(ConvertingImage converting, bool alpha, bool animate)
    {
        var image = converting.Image;
        var withAlpha = alpha && image.PixelType.AlphaRepresentation is not PixelAlphaRepresentation.None;
        var count = animate ? image.Frames.Count : 1;
        if (withAlpha)
        {
            AddFrames<Rgba32>(image, count);
        }
        else
        {
            AddFrames<Rgb24>(image, count);
        }
        using var stacked = count == 1 ? frames[0].Copy() : VipsImage.Arrayjoin([.. frames], across: 1);
        Image = stacked.Mutate(mutable =>
        {
            if (count > 1)
            {
                mutable.Set(NetVips.GValue.GIntType, "page-height", image.Height);
                mutable.Set(NetVips.GValue.ArrayIntType, "delay",
                    image.Frames.Cast<ImageFrame>().Take(count).Select(frame => (int)frame.Metadata.GetWebpMetadata().FrameDelay).ToArray());
                mutable.Set(NetVips.GValue.GIntType, "loop", (int)image.Metadata.GetWebpMetadata().RepeatCount);
            }
            if (converting.Options.KeepMetadata)
            {
                CarryMetadata(mutable, image.Metadata);
            }
        });
    }

    /// <summary>The image libvips encodes; valid until this hand-over is disposed.</summary>
    public VipsImage Image { get; }

    /// <param name="alpha">Whether the output keeps an alpha channel (only when the image has one).</param>
    /// <param name="animate">Whether every frame goes over, or the first alone.</param>
    public static VipsHandOver From(ConvertingImage converting, bool alpha, bool animate) => new(converting, alpha, animate);

    /// <summary>
    /// Hands the image over, lets <paramref name="save"/> encode it to memory, and writes the bytes on asynchronously:
    /// the destination may be a network stream that refuses synchronous writes.
    /// </summary>
    public static async Task WriteAsync(
        ConvertingImage converting, bool alpha, bool animate, Func<VipsImage, byte[]> save, Stream output, CancellationToken cancellationToken)
    {
        byte[] bytes;
        using (var handOver = From(converting, alpha, animate))
        {
            bytes = save(handOver.Image);
        }
        await output.WriteAsync(bytes, cancellationToken);
    }

    public void Dispose()
    {
        Image.Dispose();
        frames.ForEach(frame => frame.Dispose());
        pins.ForEach(pin => pin.Dispose());
        converted?.Dispose();
    }

    private void AddFrames<TPixel>(Image image, int count) where TPixel : unmanaged, IPixel<TPixel>
    {
        // Pixels of another layout (16-bit, grey, BGRA…) are converted once; the usual Rgb24 and Rgba32 are read in place.
        if (image is not Image<TPixel> typed)
        {
            typed = image.CloneAs<TPixel>();
            converted = typed;
        }
        var bands = Unsafe.SizeOf<TPixel>();
        for (var index = 0; index < count; index++)
        {
            var frame = typed.Frames[index];
            if (frame.DangerousTryGetSinglePixelMemory(out var memory))
            {
                var pin = memory.Pin();
                pins.Add(pin);
                frames.Add(VipsImage.NewFromMemory(Address(pin), (ulong)(memory.Length * bands), typed.Width, typed.Height, bands, NetVips.Enums.BandFormat.Uchar));
            }
            else
            {
                var copy = GC.AllocateUninitializedArray<byte>(typed.Width * typed.Height * bands);
                frame.CopyPixelDataTo(copy);
                frames.Add(VipsImage.NewFromMemory(copy, typed.Width, typed.Height, bands, NetVips.Enums.BandFormat.Uchar));
            }
        }
    }

    /// <summary>The one unsafe line: libvips takes a pointer to memory the pin keeps in place.</summary>
    private static unsafe nint Address(MemoryHandle pin) => (nint)pin.Pointer;

    /// <summary>What libvips writes for <c>keepMetadata</c>: EXIF (orientation already applied, so 1), XMP and ICC.</summary>
    private static void CarryMetadata(NetVips.MutableImage vips, ImageMetadata metadata)
    {
        if (metadata.ExifProfile?.ToByteArray() is { Length: > 0 } exif)
        {
            // libvips (libexif) reads EXIF as the APP1 payload, which starts with this header.
            vips.Set(NetVips.GValue.BlobType, "exif-data", (byte[])[.. "Exif\0\0"u8, .. exif]);
            vips.Set(NetVips.GValue.GIntType, "orientation", 1);
        }
        if (metadata.XmpProfile?.ToByteArray() is { Length: > 0 } xmp)
        {
            vips.Set(NetVips.GValue.BlobType, "xmp-data", xmp);
        }
        if (metadata.IccProfile?.ToByteArray() is { Length: > 0 } icc)
        {
            vips.Set(NetVips.GValue.BlobType, "icc-profile-data", icc);
        }
    }
}
