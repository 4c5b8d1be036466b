using System.CommandLine;
using System.Globalization;
using Konvrt.Portal.Features.Conversion.Options;

namespace Konvrt.Portal.Features.Conversion;

/// <summary>
/// <c>convert INPUT OUTPUT [options]</c>: the engine without a server, for local use and CI/CD. Prints
/// one summary line; on any failure one line on stderr and exit code 1, never a stack trace.
/// </summary>
internal static class ConvertCommand
{
    private static readonly (string Flag, string Option, string Help)[] ValueFlags =
    [
        ("--format", "format", "webp, jpeg, png, gif or avif (default: from OUTPUT's extension)."),
        ("--quality", "quality", "1-100 (defaults: webp 80, jpeg 82, avif 60)."),
        ("--width", "width", "Output width in pixels."),
        ("--height", "height", "Output height in pixels."),
        ("--max-width", "maxWidth", "Scale down to at most this width."),
        ("--max-height", "maxHeight", "Scale down to at most this height."),
        ("--fit", "fit", "inside (default), cover, contain or fill."),
        ("--crop", "crop", "Gravity for cover: center, top, bottom, left, right or entropy."),
        ("--background", "background", "#rrggbb behind transparency (JPEG) and padding (contain)."),
        ("--compression-level", "compressionLevel", "PNG zlib level 1-9."),
    ];

    private static readonly (string Flag, string Option, string Help)[] SwitchFlags =
    [
        ("--enlarge", "enlarge", "Allow upscaling beyond the source size."),
        ("--lossless", "lossless", "Lossless WebP."),
        ("--keep-metadata", "keepMetadata", "Keep EXIF, IPTC and XMP."),
        ("--progressive", "progressive", "Progressive JPEG."),
        ("--palette", "palette", "Palette-quantized PNG."),
    ];

    public static Command Create(IServiceProvider services)
    {
        var input = new Argument<FileInfo>("INPUT") { Description = "The image to convert." };
        var output = new Argument<FileInfo>("OUTPUT") { Description = "Where to write the result." };
        var command = new Command("convert", "Convert one image, without a server.") { input, output };
        var values = ValueFlags.Select(flag => (flag.Option, Symbol: new Option<string>(flag.Flag) { Description = flag.Help })).ToList();
        var switches = SwitchFlags.Select(flag => (flag.Option, Symbol: new Option<bool>(flag.Flag) { Description = flag.Help })).ToList();
        values.ForEach(option => command.Add(option.Symbol));
        switches.ForEach(option => command.Add(option.Symbol));

        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(input)!;
            var target = parse.GetValue(output)!;
            var fields = values
                .Select(option => KeyValuePair.Create(option.Option, parse.GetValue(option.Symbol)))
                .Concat(switches.Where(option => parse.GetValue(option.Symbol)).Select(option => KeyValuePair.Create(option.Option, (string?)"true")))
                .ToList();
            if (parse.GetValue(values[0].Symbol) is null && FormatFromExtension(target) is { } inferred)
            {
                fields[0] = KeyValuePair.Create("format", (string?)inferred);
            }
            try
            {
                var options = ConversionOptionsParser.Parse(fields);
                var result = await ConvertFileAsync(services.GetRequiredService<ImageConverter>(), source, target, options, cancellationToken);
                parse.InvocationConfiguration.Output.WriteLine(Summary(source, target, result));
                return 0;
            }
            catch (Exception exception) when (exception is ConversionException or InvalidConversionOptionsException or IOException or UnauthorizedAccessException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Writes next to the target and renames at the end: a failed conversion leaves no partial file behind.</summary>
    private static async Task<ConversionResult> ConvertFileAsync(
        ImageConverter converter, FileInfo source, FileInfo target, ConversionOptions options, CancellationToken cancellationToken)
    {
        if (!source.Exists)
        {
            throw new IOException($"There is no file '{source.FullName}'.");
        }
        var temporary = Path.Combine(target.DirectoryName ?? ".", $".{target.Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            ConversionResult result;
            await using (var reader = source.OpenRead())
            await using (var writer = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                result = await converter.ConvertAsync(reader, options, writer, cancellationToken);
                await writer.FlushAsync(cancellationToken);
            }
            File.Move(temporary, target.FullName, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string? FormatFromExtension(FileInfo target) =>
        OutputFormats.TryParse(target.Extension.TrimStart('.'), out var format) ? format.Name() : null;

    private static string Summary(FileInfo source, FileInfo target, ConversionResult result)
    {
        var (input, output, stages) = (result.Input, result.Output, result.Stages);
        var inputFrames = input.Frames > 1 ? $" {input.Frames} frames" : "";
        var outputFrames = output.Frames > 1 ? $" {output.Frames} frames" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{source.Name}: {input.Format} {input.Width}×{input.Height} {Size(input.Bytes)}{inputFrames} → {target.Name}: {output.Format} {output.Width}×{output.Height} {Size(output.Bytes)}{outputFrames} in {stages.Total.TotalMilliseconds:0} ms (validate {stages.Validate.TotalMilliseconds:0}, decode {stages.Decode.TotalMilliseconds:0}, transform {stages.Transform.TotalMilliseconds:0}, encode {stages.Encode.TotalMilliseconds:0})");
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
        _ => $"{bytes} B",
    };
}
