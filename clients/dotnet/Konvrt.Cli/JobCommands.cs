using System.CommandLine;
using System.Globalization;

namespace Konvrt.Cli;

/// <summary><c>konvrt jobs</c>, <c>konvrt status &lt;id&gt; [--wait]</c>, <c>konvrt download &lt;id&gt; [--output name]</c>.</summary>
internal static class JobCommands
{
    public static Command List()
    {
        var status = new Option<string?>("--status") { Description = "Only jobs in this status (completed, failed, queued, processing)." };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 20 };
        var command = new Command("jobs", "The workspace's jobs, newest first.") { status, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var client = Server.Connect();
            Console.WriteLine($"{"JOB",-36}  {"STATUS",-10}  {"CREATED (UTC)",-16}  {"CREDITS",7}  FILE");
            var shown = 0;
            await foreach (var job in client.ListJobsAsync(new Konvrt.Client.KonvrtJobFilter(parse.GetValue(status)), cancellationToken))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{job.JobId,-36}  {job.Status,-10}  {job.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm}  {job.CreditsCharged,7}  {job.Input.FileName}"));
                if (++shown == parse.GetValue(limit))
                {
                    break;
                }
            }
            return ExitCodes.Done;
        });
        return command;
    }

    public static Command Status()
    {
        var id = new Argument<Guid>("id") { Description = "The job's id." };
        var wait = new Option<bool>("--wait") { Description = "Wait until it has completed or failed." };
        var command = new Command("status", "A job's status and outputs.") { id, wait };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var client = Server.Connect();
            var job = parse.GetValue(wait)
                ? await client.WaitForJobAsync(parse.GetValue(id), cancellationToken: cancellationToken)
                : await client.GetJobAsync(parse.GetValue(id), cancellationToken);
            Console.WriteLine($"{job.JobId} {job.Status}{(job.Error is { } error ? $": {error.Code}: {error.Message}" : "")}");
            foreach (var output in job.Outputs)
            {
                Console.WriteLine($"  {output.Name}: {output.Status} {output.Format} {output.Width}×{output.Height} {output.Bytes} bytes");
            }
            return job.IsFailed ? ExitCodes.SomeFailed : ExitCodes.Done;
        });
        return command;
    }

    public static Command Download()
    {
        var id = new Argument<Guid>("id") { Description = "The job's id." };
        var output = new Option<string?>("--output") { Description = "Which output (by name); the first when left out." };
        var to = new Option<string?>("--to") { Description = "The file to write; the server's file name in this folder when left out." };
        var command = new Command("download", "Save a job's output.") { id, output, to };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var client = Server.Connect();
            await using var download = await client.DownloadAsync(parse.GetValue(id), parse.GetValue(output), cancellationToken);
            var path = parse.GetValue(to) ?? Path.GetFileName(download.FileName ?? $"{parse.GetValue(id)}.bin");
            await download.SaveAsync(path, cancellationToken);
            Console.WriteLine($"{path} ({download.ContentType}, {new FileInfo(path).Length} bytes)");
            return ExitCodes.Done;
        });
        return command;
    }
}
