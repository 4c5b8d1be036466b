using System.Globalization;
using System.Text.Json;
using Konvrt.Portal.Benchmarks;

// dotnet run --project tests/Konvrt.Portal.Benchmarks -- engine [--iterations 15] [--only task,task]
// dotnet run --project tests/Konvrt.Portal.Benchmarks -- api [--seconds 15]
// dotnet run --project tests/Konvrt.Portal.Benchmarks -- pipeline [--iterations 15] [--rounds 5]
// dotnet run --project tests/Konvrt.Portal.Benchmarks -- bytes
// dotnet run --project tests/Konvrt.Portal.Benchmarks -- cluster [--jobs 60]
switch (args.FirstOrDefault())
{
    case OursRunner.WorkerVerb:
        var task = BenchTask.All.Single(t => t.Key == args[1]);
        var result = await OursRunner.MeasureHereAsync(task, int.Parse(args[2], CultureInfo.InvariantCulture), args[3]);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    case "engine":
        var iterations = Option("--iterations", 15);
        var only = Value("--only")?.Split(',') ?? [];
        Console.WriteLine(await EngineBenchmark.RunAsync(iterations, only));
        return 0;
    case "api":
        Console.WriteLine(await ApiBenchmark.RunAsync(Option("--seconds", 15)));
        return 0;
    case "cluster":
        Console.WriteLine(await ClusterBenchmark.RunAsync(Option("--jobs", 60)));
        return 0;
    case "bytes":
        Console.WriteLine(await BytesBenchmark.RunAsync());
        return 0;
    case "pipeline":
        Console.WriteLine(await PipelineBenchmark.RunAsync(Option("--iterations", 15), Option("--rounds", 5)));
        return 0;
    default:
        Console.Error.WriteLine("Usage: engine [--iterations N] [--only task,...] | api [--seconds N] | pipeline [--iterations N] [--rounds N] | bytes | cluster [--jobs N]");
        return 2;
}

int Option(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? Value(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
