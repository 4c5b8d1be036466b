using System.Net;
using Konvrt.Client;

namespace Konvrt.Cli;

/// <summary>What became of one source.</summary>
internal sealed record FileOutcome(InputFile Input, string Result, long BytesBefore, long BytesAfter, int Credits, IReadOnlyList<string> Outputs, string? Error);

/// <summary>
/// Converts files <c>concurrency</c> at a time, pacing itself by the server's <c>RateLimit</c> header so that it is
/// rarely refused (the client waits out a 429 anyway), skipping sources whose outputs are current, and stopping
/// everything at the first authentication failure (no other file would fare better).
/// </summary>
internal sealed class ConvertRun(KonvrtClient client, ConvertOptions options, string outFolder, int concurrency, Report report) : IDisposable
{
    private readonly SemaphoreSlim pacing = new(1, 1);

    public void Dispose() => pacing.Dispose();

    public async Task<int> RunAsync(IReadOnlyList<InputFile> files, CancellationToken cancellationToken)
    {
        using var refused = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var outcomes = new FileOutcome?[files.Count];
        KonvrtApiException? authentication = null;
        await report.RunAsync(files, async progress =>
        {
            try
            {
                await RunAllAsync(progress);
            }
            catch (OperationCanceledException) when (authentication is not null)
            {
                // Stopped on purpose: the refusal is thrown below.
            }
        });
        if (authentication is not null)
        {
            throw authentication;
        }
        var done = outcomes.OfType<FileOutcome>().ToList();
        report.Summary(done);
        return done.Any(outcome => outcome.Result == "failed") ? ExitCodes.SomeFailed : ExitCodes.Done;

        Task RunAllAsync(Func<int, IProgress<double>> progress) =>
            Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = refused.Token },
                async (index, token) =>
                {
                    try
                    {
                        outcomes[index] = await ConvertAsync(files[index], progress(index), token);
                    }
                    catch (KonvrtApiException refusal) when (refusal.Status is HttpStatusCode.Unauthorized || refusal.ProblemType is "plan-required" or "role-forbidden")
                    {
                        authentication ??= refusal;
                        await refused.CancelAsync();
                    }
                    report.Finished(outcomes[index] ?? new FileOutcome(files[index], "failed", 0, 0, 0, [], authentication?.Message));
                });
    }

    private async Task<FileOutcome> ConvertAsync(InputFile input, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var size = new FileInfo(input.Path).Length;
        var current = OutputFiles.Current(outFolder, input);
        if (current.Count > 0)
        {
            progress.Report(1);
            return new FileOutcome(input, "skipped", size, current.Sum(file => new FileInfo(file).Length), 0, current, null);
        }
        try
        {
            await PaceAsync(cancellationToken);
            KonvrtJob job;
            await using (var file = new ProgressStream(File.OpenRead(input.Path), read => progress.Report(0.6 * read / Math.Max(1, size))))
            {
                job = await client.ConvertAsync(ConvertSource.FromStream(file, Path.GetFileName(input.Path)), options, cancellationToken);
            }
            progress.Report(0.6);
            job = job.IsFinished ? job : await client.WaitForJobAsync(job.JobId, cancellationToken: cancellationToken);
            if (!job.IsCompleted)
            {
                return new FileOutcome(input, "failed", size, 0, 0, [], job.Error?.Message ?? job.Status);
            }
            progress.Report(0.8);
            var written = new List<string>();
            foreach (var output in job.Outputs)
            {
                var path = OutputFiles.PathOf(outFolder, input, job.Outputs.Count == 1 ? null : output.Name, output.Format);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using var download = await client.DownloadAsync(job.JobId, output.Name, cancellationToken);
                await download.SaveAsync(path, cancellationToken);
                written.Add(path);
            }
            progress.Report(1);
            return new FileOutcome(input, "converted", size, written.Sum(file => new FileInfo(file).Length), job.CreditsCharged, written, null);
        }
        catch (KonvrtApiException refusal) when (refusal.Status is not HttpStatusCode.Unauthorized && refusal.ProblemType is not ("plan-required" or "role-forbidden"))
        {
            return new FileOutcome(input, "failed", size, 0, 0, [], refusal.Message);
        }
    }

    /// <summary>When the last answer said no request is left this window, wait until one frees up.</summary>
    private async Task PaceAsync(CancellationToken cancellationToken)
    {
        await pacing.WaitAsync(cancellationToken);
        try
        {
            if (client.RateLimit is { } limit && limit.NextAllowedAt - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
        finally
        {
            pacing.Release();
        }
    }
}
