using System.Diagnostics;
using Konvrt.Portal.Features.Conversion.Input;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Conversion.Output;
using Konvrt.Portal.Features.Conversion.Steps;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Processing;

namespace Konvrt.Portal.Features.Conversion;

/// <summary>
/// The conversion engine: validate → decode → transform → encode, timed stage by stage. Used alike by
/// the API, the browser page, the CLI and the benchmarks; knows nothing of HTTP. At most
/// <c>Conversion:MaxConcurrency</c> conversions run at once; the rest wait their turn.
/// </summary>
public sealed class ImageConverter(
    ImagingConfiguration imaging,
    IEnumerable<IInputDecoder> decoders,
    IEnumerable<IOutputEncoder> encoders,
    ConversionPipeline pipeline,
    ConversionGate gate,
    IOptions<ConversionLimits> limits,
    TimeProvider clock)
{
    private readonly IReadOnlyList<IInputDecoder> decoders = [.. decoders];
    private readonly IReadOnlyList<IOutputEncoder> encoders = [.. encoders];

    /// <summary>
    /// Validation alone: what the upload is, checked against every limit and against the output the options
    /// ask for, without decoding a pixel. Throws the same typed <see cref="ConversionException"/> a conversion would.
    /// </summary>
    public Task<SourceImage> InspectAsync(Stream source, ConversionOptions options, CancellationToken cancellationToken = default) =>
        InspectAsync(source, [options], cancellationToken);

    /// <summary>Validation for a source with several outputs: each output the options ask for is checked.</summary>
    public async Task<SourceImage> InspectAsync(Stream source, IReadOnlyList<ConversionOptions> outputs, CancellationToken cancellationToken = default)
    {
        await using var input = await SeekableInput.OpenAsync(source, limits.Value.MaxInputBytes, cancellationToken);
        var (_, sourceImage) = await ValidateAsync(input, cancellationToken);
        foreach (var options in outputs)
        {
            CheckOutputSize(ResizePlan.For(sourceImage.Width, sourceImage.Height, options));
        }
        return sourceImage;
    }

    public Task<ConversionResult> ConvertAsync(
        Stream source, ConversionOptions options, Stream destination, CancellationToken cancellationToken = default) =>
        ConvertAsync(source, options, destination, onStage: null, cancellationToken);

    /// <param name="onStage">Called as each stage ends, on the converting thread.</param>
    public async Task<ConversionResult> ConvertAsync(
        Stream source, ConversionOptions options, Stream destination, Action<ConversionStage>? onStage, CancellationToken cancellationToken)
    {
        var many = await ConvertManyAsync(source, [options],
            async (_, encode, ct) => await encode(destination, ct), onStage, cancellationToken);
        return new ConversionResult(many.Input, many.Outputs[0], many.Stages);
    }

    /// <summary>
    /// One source, several outputs: validated and decoded once (at the largest size any output needs), then each
    /// output made from its own copy of the decoded pixels. <paramref name="store"/> is handed each output in turn
    /// with a way to encode it into a stream of the caller's choosing (a blob write, a file).
    /// </summary>
    /// <param name="onStage">Called as each stage ends, on the converting thread; transform and encode once per output.</param>
    public async Task<MultiConversionResult> ConvertManyAsync(
        Stream source, IReadOnlyList<ConversionOptions> outputs, OutputStore store, Action<ConversionStage>? onStage, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(outputs.Count);
        // A slow upload spools before taking a turn: reading the network must not hold a conversion slot.
        // Stages are timed from the turn on, so waiting in line never counts as work.
        await using var input = await SeekableInput.OpenAsync(source, limits.Value.MaxInputBytes, cancellationToken);
        using var turn = await gate.EnterAsync(cancellationToken);
        var stages = new StageClock(clock);
        var (decoder, sourceImage) = await ValidateAsync(input, cancellationToken);
        var plans = outputs.Select(options => ResizePlan.For(sourceImage.Width, sourceImage.Height, options)).ToList();
        plans.ForEach(CheckOutputSize);
        var validate = stages.Lap();
        onStage?.Invoke(ConversionStage.Validated);

        cancellationToken.ThrowIfCancellationRequested();
        using var decoded = await DecodeAsync(decoder, input, sourceImage, DecodePlanFor(sourceImage, plans, outputs), cancellationToken);
        var decode = stages.Lap();
        onStage?.Invoke(ConversionStage.Decoded);

        // What format=auto looks at: whether the image moves, and whether any of it is see-through.
        var animated = decoded.Image.Frames.Count > 1;
        var transparent = outputs.Any(options => options.Format == OutputFormat.Auto) && AutoFormat.HasTransparency(decoded.Image);

        var made = new List<ImageFacts>(outputs.Count);
        TimeSpan transform = TimeSpan.Zero, encode = TimeSpan.Zero;
        for (var index = 0; index < outputs.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var options = outputs[index];
            IReadOnlyList<OutputFormat> candidates = [options.Format];
            if (options.Format == OutputFormat.Auto)
            {
                candidates = AutoFormat.Candidates(options.Accept, animated, transparent);
                options = options with { Format = candidates[0] };
            }
            // Every output but the last works on a copy: the decoded pixels serve them all.
            using var converting = new ConvertingImage(index == outputs.Count - 1 ? decoded.Take() : Guard(() => decoded.Image.Clone(_ => { })), options, plans[index]);
            Guard(() => pipeline.Apply(converting));
            transform += stages.Lap();
            onStage?.Invoke(ConversionStage.Transformed);

            var chosen = await GuardAsync(() => OutputChoice.ChooseAsync(converting, candidates, EncoderFor, cancellationToken));
            var format = chosen?.Format ?? options.Format;
            long outputBytes = 0;
            await store(index, async (destination, ct) => outputBytes = chosen is { Bytes: var bytes }
                ? await WriteAsync(bytes, destination, ct)
                : await GuardAsync(() => EncodeAsync(EncoderFor(format), converting, destination, ct)), cancellationToken);
            encode += stages.Lap();
            onStage?.Invoke(ConversionStage.Encoded);
            var image = converting.Image;
            made.Add(new ImageFacts(format.Name(), image.Width, image.Height, outputBytes,
                format == OutputFormat.Avif || !format.KeepsAnimation() ? 1 : image.Frames.Count, chosen?.Quality));
        }
        cancellationToken.ThrowIfCancellationRequested();

        return new MultiConversionResult(
            new ImageFacts(sourceImage.Format.Name(), sourceImage.Width, sourceImage.Height, sourceImage.Bytes, sourceImage.Frames),
            made,
            new StageTimings(validate, decode, transform, encode));
    }

    /// <summary>
    /// Decode at the largest size any output is scaled to (shrink-on-load stops there), with every frame if any
    /// output animates and the metadata if any output keeps it.
    /// </summary>
    private static DecodePlan DecodePlanFor(SourceImage source, IReadOnlyList<ResizePlan> plans, IReadOnlyList<ConversionOptions> outputs)
    {
        Size? target = null;
        foreach (var plan in plans)
        {
            if (plan.Fit == FitMode.Fill || plan.Scaled.Width >= source.Width)
            {
                target = null;
                break;
            }
            var scaled = source.SwapsAxes ? new Size(plan.Scaled.Height, plan.Scaled.Width) : plan.Scaled;
            target = target is { } largest && largest.Width * largest.Height >= scaled.Width * scaled.Height ? largest : scaled;
        }
        var frames = outputs.Any(options => options.Format.KeepsAnimation()) ? source.Frames : 1;
        return new DecodePlan(target, frames, outputs.Any(options => options.KeepMetadata));
    }

    /// <summary>Format from the bytes, then dimensions from the headers, checked against every limit before any pixel is decoded.</summary>
    private async Task<(IInputDecoder Decoder, SourceImage Source)> ValidateAsync(SeekableInput input, CancellationToken cancellationToken)
    {
        if (input.Length == 0)
        {
            throw new ConversionException(ConversionError.InvalidImage, "The file is empty.");
        }
        var header = await input.ReadHeaderAsync(cancellationToken);
        var format = InputFormatDetector.Detect(header, imaging.Configuration)
            ?? throw new ConversionException(ConversionError.UnsupportedFormat,
                "The file is not an image format Konvrt reads (JPEG, PNG, GIF, WebP, BMP, TIFF, TGA, QOI, PBM, HEIC/HEIF or AVIF).");
        var decoder = decoders.First(candidate => candidate.Reads(format));

        SourceImage source;
        try
        {
            source = await decoder.IdentifyAsync(input.Stream, format, input.Length, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw Invalid(format, exception);
        }
        finally
        {
            input.Rewind();
        }

        var complete = ContainerCompleteness.IsComplete(format, input.Stream, input.Length);
        input.Rewind();
        if (!complete)
        {
            throw new ConversionException(ConversionError.InvalidImage,
                $"The {format.Name()} file ends before its image does: it was cut short on the way (truncated).");
        }

        var limit = limits.Value;
        if (source.StoredWidth <= 0 || source.StoredHeight <= 0)
        {
            throw new ConversionException(ConversionError.InvalidImage, $"The {format.Name()} file declares no pixels.");
        }
        if (source.PixelsPerFrame > limit.MaxPixelsPerFrame)
        {
            throw new ConversionException(ConversionError.ImageTooLarge,
                $"The image is {source.Width}×{source.Height} ({source.PixelsPerFrame / 1_000_000.0:0.#} MP); this server accepts up to {limit.MaxPixelsPerFrame / 1_000_000.0:0.#} MP.");
        }
        if (source.Frames > limit.MaxFrames)
        {
            throw new ConversionException(ConversionError.TooManyFrames,
                $"The image has {source.Frames} frames; this server accepts up to {limit.MaxFrames}.");
        }
        if (source.PixelsPerFrame * source.Frames > limit.MaxTotalPixels)
        {
            throw new ConversionException(ConversionError.ImageTooLarge,
                $"The animation has {source.PixelsPerFrame * source.Frames / 1_000_000.0:0.#} MP over all its frames; this server accepts up to {limit.MaxTotalPixels / 1_000_000.0:0.#} MP.");
        }
        return (decoder, source);
    }

    private void CheckOutputSize(ResizePlan plan)
    {
        if ((long)plan.Canvas.Width * plan.Canvas.Height > limits.Value.MaxPixelsPerFrame
            || (long)plan.Scaled.Width * plan.Scaled.Height > limits.Value.MaxPixelsPerFrame)
        {
            throw new ConversionException(ConversionError.ImageTooLarge,
                $"The requested output of {plan.Canvas.Width}×{plan.Canvas.Height} is larger than this server produces.");
        }
    }

    private static async Task<DecodedImage> DecodeAsync(
        IInputDecoder decoder, SeekableInput input, SourceImage source, DecodePlan decodePlan, CancellationToken cancellationToken)
    {
        try
        {
            return new DecodedImage(await decoder.DecodeAsync(input.Stream, source, decodePlan, cancellationToken));
        }
        catch (Exception exception) when (IsMemoryLimit(exception))
        {
            throw MemoryLimit(exception);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or ConversionException))
        {
            throw Invalid(source.Format, exception);
        }
    }

    private IOutputEncoder EncoderFor(OutputFormat format) => encoders.First(candidate => candidate.Format == format);

    private static async Task<long> WriteAsync(byte[] bytes, Stream destination, CancellationToken cancellationToken)
    {
        await destination.WriteAsync(bytes, cancellationToken);
        return bytes.Length;
    }

    /// <summary>
    /// Encoders seek back to patch chunk sizes (ImageSharp 4.1's animated WebP is corrupt on a forward-only
    /// stream), so a destination that cannot seek gets the output through a self-deleting spool file.
    /// </summary>
    private static async Task<long> EncodeAsync(IOutputEncoder encoder, ConvertingImage image, Stream destination, CancellationToken cancellationToken)
    {
        if (destination.CanSeek)
        {
            var start = destination.Position;
            await encoder.EncodeAsync(image, destination, cancellationToken);
            return destination.Position - start;
        }
        await using var spool = new FileStream(
            Path.Combine(Path.GetTempPath(), $"konvrt-{Guid.NewGuid():N}.output"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await encoder.EncodeAsync(image, spool, cancellationToken);
        spool.Position = 0;
        await spool.CopyToAsync(destination, cancellationToken);
        return spool.Length;
    }

    private static T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception exception) when (IsMemoryLimit(exception))
        {
            throw MemoryLimit(exception);
        }
    }

    private static void Guard(Action work)
    {
        try
        {
            work();
        }
        catch (Exception exception) when (IsMemoryLimit(exception))
        {
            throw MemoryLimit(exception);
        }
    }

    private static async Task<T> GuardAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception exception) when (IsMemoryLimit(exception))
        {
            throw MemoryLimit(exception);
        }
    }

    /// <summary>ImageSharp's decoders wrap the allocator's refusal in their own exceptions: look through them.</summary>
    private static bool IsMemoryLimit(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is InvalidMemoryOperationException)
            {
                return true;
            }
        }
        return false;
    }

    private static ConversionException Invalid(InputFormat format, Exception inner) =>
        new(ConversionError.InvalidImage, $"The file looks like {format.Name()} but cannot be read: it is damaged or truncated.", inner);

    private static ConversionException MemoryLimit(Exception inner) =>
        new(ConversionError.ImageTooLarge, "Converting this image needs more memory than this server allows.", inner);

    /// <summary>The decoded pixels, handed to the last output itself (no copy) and disposed if nobody took them.</summary>
    private sealed class DecodedImage(Image image) : IDisposable
    {
        private Image? owned = image;

        public Image Image => owned ?? throw new InvalidOperationException("The decoded image was handed on.");

        public Image Take()
        {
            var taken = Image;
            owned = null;
            return taken;
        }

        public void Dispose() => owned?.Dispose();
    }

    private sealed class StageClock(TimeProvider clock)
    {
        private long started = clock.GetTimestamp();

        public TimeSpan Lap()
        {
            var now = clock.GetTimestamp();
            var elapsed = clock.GetElapsedTime(started, now);
            started = now;
            return elapsed;
        }
    }
}
