using System.CommandLine;
using Konvrt.Client;

namespace Konvrt.Cli;

/// <summary><c>konvrt convert &lt;files | folders | globs&gt; --format webp --out dist/</c>.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Files, folders (their images, recursively) or globs (\"photos/**/*.jpg\").", Arity = ArgumentArity.OneOrMore };
        var preset = new Option<string?>("--preset") { Description = "A preset of the workspace or a built-in one (web, thumbnail, avatar); one with several outputs writes name-output.ext." };
        var format = new Option<string?>("--format") { Description = "webp, avif, jpeg, png, gif or auto." };
        var quality = new Option<string?>("--quality") { Description = "1-100, or auto." };
        var maxWidth = new Option<int?>("--max-width") { Description = "Shrink wider images to this width." };
        var maxHeight = new Option<int?>("--max-height") { Description = "Shrink taller images to this height." };
        var width = new Option<int?>("--width") { Description = "Exact width (with --height and --fit cover: a crop)." };
        var height = new Option<int?>("--height") { Description = "Exact height." };
        var fit = new Option<string?>("--fit") { Description = "contain, cover, fill, inside or outside." };
        var outFolder = new Option<string>("--out") { Description = "Where the outputs go, in the sources' own layout.", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "Files converted at once.", DefaultValueFactory = _ => 4 };
        var json = new Option<bool>("--json") { Description = "One JSON object per file and a summary, instead of words." };
        var command = new Command("convert", "Convert images; outputs already there and newer than their source are skipped, so a run that stopped resumes.")
        {
            inputs, preset, format, quality, maxWidth, maxHeight, width, height, fit, outFolder, concurrency, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(concurrency) is < 1 or > 32)
            {
                throw new UsageException("--concurrency is 1 to 32.");
            }
            var options = new ConvertOptions
            {
                Preset = parse.GetValue(preset),
                Format = parse.GetValue(format),
                Quality = parse.GetValue(quality),
                MaxWidth = parse.GetValue(maxWidth),
                MaxHeight = parse.GetValue(maxHeight),
                Width = parse.GetValue(width),
                Height = parse.GetValue(height),
                Fit = parse.GetValue(fit),
            };
            var files = InputFiles.Expand(parse.GetValue(inputs)!);
            using var run = new ConvertRun(Server.Connect(), options, Path.GetFullPath(parse.GetValue(outFolder)!), parse.GetValue(concurrency),
                Report.For(parse.GetValue(json)));
            return await run.RunAsync(files, cancellationToken);
        });
        return command;
    }
}
