using System.Diagnostics;
using Konvrt.Portal.Features.Conversion.Input;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Conversion.Output;
using Konvrt.Portal.Features.Conversion.Steps;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;

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
    public async Task<SourceImage> InspectAsync(Stream source, ConversionOptions options, CancellationToken cancellationToken = default)
    {
        await using var input = await SeekableInput.OpenAsync(source, limits.Value.MaxInputBytes, cancellationToken);
        var (_, sourceImage) = await ValidateAsync(input, cancellationToken);
        CheckOutputSize(ResizePlan.For(sourceImage.Width, sourceImage.Height, options));
        return sourceImage;
    }

    public Task<ConversionResult> ConvertAsync(
        Stream source, ConversionOptions options, Stream destination, CancellationToken cancellationToken = default) =>
        ConvertAsync(source, options, destination, onStage: null, cancellationToken);

    /// <param name="onStage">Called as each stage ends, on the converting thread.</param>
    public async Task<ConversionResult> ConvertAsync(
        Stream source, ConversionOptions options, Stream destination, Action<ConversionStage>? onStage, CancellationToken cancellationToken)
    {
        // A slow upload spools before taking a turn: reading the network must not hold a conversion slot.
        // Stages are timed from the turn on, so waiting in line never counts as work.
        await using var input = await SeekableInput.OpenAsync(source, limits.Value.MaxInputBytes, cancellationToken);
        using var turn = await gate.EnterAsync(cancellationToken);
        var stages = new StageClock(clock);
        var (decoder, sourceImage) = await ValidateAsync(input, cancellationToken);
        var plan = ResizePlan.For(sourceImage.Width, sourceImage.Height, options);
        CheckOutputSize(plan);
        var encoder = encoders.First(candidate => candidate.Format == options.Format);
        var validate = stages.Lap();
        onStage?.Invoke(ConversionStage.Validated);

        cancellationToken.ThrowIfCancellationRequested();
        using var converting = new ConvertingImage(
            await DecodeAsync(decoder, input, sourceImage, plan, options, cancellationToken), options, plan);
        var decode = stages.Lap();
        onStage?.Invoke(ConversionStage.Decoded);

        cancellationToken.ThrowIfCancellationRequested();
        Guard(() => pipeline.Apply(converting));
        var transform = stages.Lap();
        onStage?.Invoke(ConversionStage.Transformed);

        cancellationToken.ThrowIfCancellationRequested();
        var outputBytes = await GuardAsync(() => EncodeAsync(encoder, converting, destination, cancellationToken));
        var encode = stages.Lap();
        onStage?.Invoke(ConversionStage.Encoded);
        cancellationToken.ThrowIfCancellationRequested();

        var output = converting.Image;
        return new ConversionResult(
            new ImageFacts(sourceImage.Format.Name(), sourceImage.Width, sourceImage.Height, sourceImage.Bytes, sourceImage.Frames),
            new ImageFacts(options.Format.Name(), output.Width, output.Height, outputBytes,
                options.Format == OutputFormat.Avif ? 1 : output.Frames.Count),
            new StageTimings(validate, decode, transform, encode));
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

    private static async Task<Image> DecodeAsync(
        IInputDecoder decoder, SeekableInput input, SourceImage source, ResizePlan plan, ConversionOptions options, CancellationToken cancellationToken)
    {
        var target = plan.Fit != FitMode.Fill && plan.Scaled.Width < source.Width
            ? (source.SwapsAxes ? new Size(plan.Scaled.Height, plan.Scaled.Width) : plan.Scaled)
            : (Size?)null;
        var decodePlan = new DecodePlan(target, options.Format.KeepsAnimation() ? source.Frames : 1, options.KeepMetadata);
        try
        {
            return await decoder.DecodeAsync(input.Stream, source, decodePlan, cancellationToken);
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
