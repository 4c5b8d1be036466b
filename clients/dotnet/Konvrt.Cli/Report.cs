using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Konvrt.Cli;

/// <summary>How a run speaks: live bars on a terminal, one plain line per file in a CI log, or JSON lines for scripts.</summary>
internal abstract class Report
{
    public static Report For(bool json) =>
        json ? new JsonLines() : Console.IsOutputRedirected || Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ? new PlainLines() : new Bars();

    /// <summary>Runs the work, which reports each file's progress (0 to 1) through the callback it is handed.</summary>
    public virtual Task RunAsync(IReadOnlyList<InputFile> files, Func<Func<int, IProgress<double>>, Task> work) => work(_ => new Ignored());

    public abstract void Finished(FileOutcome outcome);

    public abstract void Summary(IReadOnlyList<FileOutcome> outcomes);

    protected static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };

    protected static string Line(FileOutcome outcome) => outcome.Result switch
    {
        "converted" => $"converted {outcome.Input.RelativePath} → {string.Join(", ", outcome.Outputs.Select(Path.GetFileName))} " +
            $"({Size(outcome.BytesBefore)} → {Size(outcome.BytesAfter)}, {outcome.Credits} credit{(outcome.Credits == 1 ? "" : "s")})",
        "skipped" => $"skipped {outcome.Input.RelativePath}: {string.Join(", ", outcome.Outputs.Select(Path.GetFileName))} already current",
        _ => $"failed {outcome.Input.RelativePath}: {outcome.Error}",
    };

    protected static string Totals(IReadOnlyList<FileOutcome> outcomes)
    {
        var converted = outcomes.Where(outcome => outcome.Result == "converted").ToList();
        return $"{outcomes.Count} files: {converted.Count} converted, {outcomes.Count(outcome => outcome.Result == "skipped")} skipped, " +
            $"{outcomes.Count(outcome => outcome.Result == "failed")} failed; {Size(converted.Sum(outcome => outcome.BytesBefore))} → " +
            $"{Size(converted.Sum(outcome => outcome.BytesAfter))}; {converted.Sum(outcome => outcome.Credits)} credits";
    }

    private sealed class Ignored : IProgress<double>
    {
        public void Report(double value)
        {
        }
    }

    private sealed class PlainLines : Report
    {
        private readonly Lock writing = new();

        public override void Finished(FileOutcome outcome)
        {
            lock (writing)
            {
                Console.WriteLine(Line(outcome));
            }
        }

        public override void Summary(IReadOnlyList<FileOutcome> outcomes) => Console.WriteLine(Totals(outcomes));
    }

    private sealed class JsonLines : Report
    {
        private readonly Lock writing = new();

        public override void Finished(FileOutcome outcome)
        {
            var line = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["file"] = outcome.Input.RelativePath, ["result"] = outcome.Result, ["bytesBefore"] = outcome.BytesBefore,
                ["bytesAfter"] = outcome.BytesAfter, ["credits"] = outcome.Credits, ["outputs"] = outcome.Outputs, ["error"] = outcome.Error,
            });
            lock (writing)
            {
                Console.WriteLine(line);
            }
        }

        public override void Summary(IReadOnlyList<FileOutcome> outcomes) => Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["files"] = outcomes.Count,
            ["converted"] = outcomes.Count(outcome => outcome.Result == "converted"),
            ["skipped"] = outcomes.Count(outcome => outcome.Result == "skipped"),
            ["failed"] = outcomes.Count(outcome => outcome.Result == "failed"),
            ["bytesBefore"] = outcomes.Where(outcome => outcome.Result == "converted").Sum(outcome => outcome.BytesBefore),
            ["bytesAfter"] = outcomes.Where(outcome => outcome.Result == "converted").Sum(outcome => outcome.BytesAfter),
            ["credits"] = outcomes.Sum(outcome => outcome.Credits),
        }));
    }

    /// <summary>A bar per file, kept on screen with what became of it.</summary>
    private sealed class Bars : Report
    {
        private ProgressTask[] tasks = [];

        public override Task RunAsync(IReadOnlyList<InputFile> files, Func<Func<int, IProgress<double>>, Task> work) =>
            AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    tasks = [.. files.Select(file => context.AddTask(Markup.Escape(file.RelativePath), maxValue: 1))];
                    await work(index => new Bar(tasks[index]));
                });

        public override void Finished(FileOutcome outcome)
        {
            var task = tasks.FirstOrDefault(task => task.Description == Markup.Escape(outcome.Input.RelativePath));
            if (task is not null)
            {
                task.Description = Markup.Escape(Line(outcome));
                task.Value = task.MaxValue;
            }
        }

        public override void Summary(IReadOnlyList<FileOutcome> outcomes) => AnsiConsole.WriteLine(Totals(outcomes));

        private sealed class Bar(ProgressTask task) : IProgress<double>
        {
            public void Report(double value) => task.Value = value;
        }
    }
}
