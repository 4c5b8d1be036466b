using System.CommandLine;
using System.Globalization;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Infrastructure.Errors;

namespace Konvrt.Portal.Features.Conversion;

/// <summary>
/// <c>convert INPUT OUTPUT [options]</c>: the engine without a server, for local use and CI/CD. Prints
/// one summary line; on any failure one line on stderr and exit code 1, never a stack trace.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(IServiceProvider services)
    {
        var input = new Argument<FileInfo>("INPUT") { Description = "The image to convert." };
        var output = new Argument<FileInfo>("OUTPUT") { Description = "Where to write the result." };
        var command = new Command("convert", "Convert one image, without a server.") { input, output };
        // Every conversion option is a flag, from its declaration: switches for true/false, values for the rest.
        var flags = ConversionOptionCatalog.All.Select(option => (option, Symbol: option.Kind == OptionKind.Switch
            ? (Option)new Option<bool>(option.Flag) { Description = Help(option) }
            : new Option<string>(option.Flag) { Description = Help(option) })).ToList();
        flags.ForEach(flag => command.Add(flag.Symbol));

        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(input)!;
            var target = parse.GetValue(output)!;
            var fields = flags.Select(flag => KeyValuePair.Create(flag.option.Name, flag.Symbol switch
            {
                Option<bool> on => parse.GetValue(on) ? "true" : null,
                Option<string> value => parse.GetValue(value),
                _ => null,
            })).Where(field => field.Value is not null).ToList();
            if (!fields.Any(field => field.Key == OutputFormats.Option.Name) && FormatFromExtension(target) is { } inferred)
            {
                fields.Add(KeyValuePair.Create(OutputFormats.Option.Name, (string?)inferred));
            }
            try
            {
                var options = ConversionOptionsParser.Parse(fields);
                var (result, written) = await ConvertFileAsync(services.GetRequiredService<ImageConverter>(), source, target, options, cancellationToken);
                parse.InvocationConfiguration.Output.WriteLine(Summary(source, written, result));
                return 0;
            }
            catch (Exception exception) when (exception is ConversionException or InvalidConversionOptionsException or IOException or UnauthorizedAccessException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {exception.Message}");
                return exception switch
                {
                    ConversionException refused => refused.Error.Describe().ExitCode,
                    InvalidConversionOptionsException => ErrorCatalog.InvalidOptions.ExitCode,
                    _ => 1,
                };
            }
        });
        return command;
    }

    private static string Help(ConversionOption option)
    {
        var values = option switch
        {
            IntegerOption number => $" {number.Min}-{number.Max}.",
            QualityOption quality => $" {quality.Min}-{quality.Max}, or {string.Join(", ", quality.Words)}.",
            IChoiceOption choice => $" One of {string.Join(", ", choice.Choices)}.",
            ColorOption => " #rrggbb.",
            _ => "",
        };
        var fallback = option.DefaultNote ?? (option.Kind == OptionKind.Switch ? null : option.Default);
        return option.Description + values + (fallback is null ? "" : $" Default: {fallback}.");
    }

    /// <summary>Writes next to the target and renames at the end: a failed conversion leaves no partial file behind.</summary>
    /// <returns>The result, and the file written: with <c>--format auto</c>, OUTPUT with the chosen format's extension.</returns>
    private static async Task<(ConversionResult Result, FileInfo Written)> ConvertFileAsync(
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
            var written = options.Format == OutputFormat.Auto && OutputFormats.TryParse(result.Output.Format, out var chosen)
                ? new FileInfo(Path.ChangeExtension(target.FullName, chosen.Extension()))
                : target;
            File.Move(temporary, written.FullName, overwrite: true);
            return (result, written);
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
