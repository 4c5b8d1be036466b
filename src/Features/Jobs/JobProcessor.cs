using System.Diagnostics;
using System.Text.Json;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Errors;
using Konvrt.Portal.Infrastructure.Http;
using Konvrt.Portal.Infrastructure.Storage;
using Konvrt.Portal.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// Runs one claimed job: Fetch (a URL source) → Convert → Optimize → Store → Notify, with its lease kept alive by a
/// heartbeat. Bad input fails the job for good; anything else is retried with back-off up to <c>Jobs:MaxAttempts</c>.
/// </summary>
public sealed class JobProcessor(
    IDbContextFactory<PortalDbContext> contexts,
    IBlobStore blobs,
    ImageConverter converter,
    SourceFetcher fetcher,
    JobCache cache,
    OutputStorage storage,
    JobLifecycle lifecycle,
    JobEvents events,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    KonvrtMetrics metrics,
    ILogger<JobProcessor> logger)
{
    /// <param name="abandon">Fires when the host can wait no longer at shutdown: the job is released, not failed.</param>
    public async Task ProcessAsync(JobLease lease, CancellationToken abandon)
    {
        var settings = options.Value;
        // Not cancellable: a stop arriving right after the claim must still reach the release below.
        ConversionJob? job;
        using (ServerTiming.Measure("load"))
        {
            job = await LoadAsync(lease.JobId, CancellationToken.None);
        }
        if (job is null)
        {
            return;
        }
        // The request's trace goes on here, minutes later or on another instance: its stages are this span's children.
        using var span = KonvrtTracing.Continue("konvrt.job", job.TraceParent)
            ?.SetTag("konvrt.job.id", job.Id)
            .SetTag("konvrt.workspace.id", job.WorkspaceId)
            .SetTag("konvrt.job.attempt", job.Attempts);
        if (job.Attempts > settings.MaxAttempts)
        {
            await lifecycle.FailAsync(lease, ErrorCatalog.AttemptsExhausted,
                $"The conversion did not finish after {settings.MaxAttempts} attempts.", CancellationToken.None);
            return;
        }

        // Announced so that pages showing the job can say it is being converted.
        using (ServerTiming.Measure("publish"))
        {
            await events.PublishAsync(new JobChanged(job.Id, job.WorkspaceId, JobStatus.Processing), CancellationToken.None);
        }

        using var leaseLost = new CancellationTokenSource();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.JobTimeoutSeconds), clock);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(abandon, leaseLost.Token, timeout.Token);
        await using var heartbeat = new Heartbeat(lifecycle, lease, settings.Lease / 3, clock, leaseLost, logger);

        try
        {
            if (!job.IsFetched && !await FetchAsync(lease, job, work.Token))
            {
                return;
            }
            var done = await StopWaitingWhenCancelled(ConvertAndStoreAsync(job, work.Token), work.Token);
            if (!await lifecycle.CompleteAsync(lease, done, CancellationToken.None))
            {
                logger.LogWarning("Job {JobId} was taken over by another worker before it completed here", job.Id);
            }
        }
        catch (SourceFetchException unfetched)
        {
            await lifecycle.FailAsync(lease, unfetched.Error, unfetched.Message, CancellationToken.None);
        }
        catch (ConversionException refusal)
        {
            // A URL that answers with something else than an image is the URL's fault, not a file's format.
            var error = job.SourceUrl is not null && refusal.Error == ConversionError.UnsupportedFormat
                ? ErrorCatalog.SourceNotImage
                : refusal.Error.Describe();
            await lifecycle.FailAsync(lease, error, refusal.Message, CancellationToken.None);
        }
        catch (InsufficientCreditsException shortage)
        {
            await lifecycle.FailAsync(lease, ErrorCatalog.InsufficientCredits,
                $"The image at the URL is {job.InputBytes / (1024.0 * 1024):0.#} MB: {shortage.Message}", CancellationToken.None);
        }
        catch (InputMissingException missing)
        {
            await lifecycle.FailAsync(lease, ErrorCatalog.InputMissing, missing.Message, CancellationToken.None);
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested)
        {
            logger.LogWarning("Lost the lease on job {JobId}; another worker carries on", job.Id);
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            await lifecycle.ReleaseAsync(lease, TimeSpan.Zero, countAttempt: false, CancellationToken.None);
            logger.LogInformation("Released job {JobId} at shutdown", job.Id);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            await RetryOrFailAsync(lease, job, ErrorCatalog.Timeout, $"The conversion took longer than {settings.JobTimeoutSeconds:0} seconds.");
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Job {JobId} failed on attempt {Attempt}", job.Id, job.Attempts);
            await RetryOrFailAsync(lease, job, ErrorCatalog.Internal, "The conversion failed on our side.");
        }
    }

    /// <summary>
    /// Fetch → Validate for a URL source, then the cache and the charge for what the source turned out to be, recorded
    /// under the lease; false when the lease was lost meanwhile.
    /// </summary>
    private async Task<bool> FetchAsync(JobLease lease, ConversionJob job, CancellationToken cancellationToken)
    {
        UploadWriter.Stored fetched;
        using (KonvrtTracing.Stage("fetch"))
        {
            fetched = await fetcher.FetchAsync(new Uri(job.SourceUrl!), job.InputBlob, cancellationToken);
        }
        job.InputBytes = fetched.Bytes;
        job.InputSha256 = fetched.Sha256;
        using var validating = KonvrtTracing.Stage("validate");
        await using (var input = await blobs.OpenReadAsync(job.InputBlob, cancellationToken)
            ?? throw new InvalidOperationException($"The fetched source {job.InputBlob} vanished from storage."))
        {
            job.Validated(await converter.InspectAsync(input.Content, [.. job.Outputs.Select(job.OptionsOf)], cancellationToken), clock.GetUtcNow());
        }
        await cache.ApplyAsync(job, cancellationToken);
        return await lifecycle.RecordFetchedAsync(lease, job, cancellationToken);
    }

    /// <summary>Convert → Optimize every output not served by the cache (one decode for them all), then Store each.</summary>
    private async Task<CompletedJob> ConvertAndStoreAsync(ConversionJob job, CancellationToken cancellationToken)
    {
        DateTimeOffset? convertedAt = null, optimizedAt = null;
        var toMake = job.Outputs.Where(output => !output.IsMade).OrderBy(output => output.Index).ToList();
        if (toMake.Count > 0)
        {
            await using var input = await blobs.OpenReadAsync(job.InputBlob, cancellationToken)
                ?? throw new InputMissingException("The uploaded file was no longer stored when the job's turn came.");
            var keys = toMake.Select(output => BlobKeys.Output(job.WorkspaceId, job.Id, output.Name, output.Options.Format.Extension())).ToList();
            var stageStarted = Stopwatch.GetTimestamp();
            var convertStarted = stageStarted;
            var result = await converter.ConvertManyAsync(input.Content, [.. toMake.Select(job.OptionsOf)],
                (index, encode, ct) => blobs.WriteAsync(keys[index], encode, ct),
                stage =>
                {
                    var took = Stopwatch.GetElapsedTime(stageStarted);
                    if (stage == ConversionStage.Decoded)
                    {
                        ServerTiming.Record("decode", took);
                        KonvrtTracing.Ended("decode", took);
                        // Not one of the job's stored milestones (decoding is part of Convert there): timed where it happens.
                        metrics.StageDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("stage", "decode"));
                    }
                    else if (stage == ConversionStage.Transformed)
                    {
                        convertedAt = clock.GetUtcNow();
                        ServerTiming.Record("transform", took);
                        KonvrtTracing.Ended("convert", took);
                    }
                    else if (stage == ConversionStage.Encoded)
                    {
                        optimizedAt = clock.GetUtcNow();
                        ServerTiming.Record("encode-write", took);
                        KonvrtTracing.Ended("encode", took);
                    }
                    stageStarted = Stopwatch.GetTimestamp();
                }, cancellationToken);
            ServerTiming.Record("convert", Stopwatch.GetElapsedTime(convertStarted));
            for (var index = 0; index < toMake.Count; index++)
            {
                var facts = result.Outputs[index];
                (toMake[index].Blob, toMake[index].Format, toMake[index].Width, toMake[index].Height, toMake[index].Bytes, toMake[index].Quality) =
                    (keys[index], facts.Format, facts.Width, facts.Height, facts.Bytes, facts.Quality);
            }
        }
        if (job.StorageId is not null)
        {
            using var storing = KonvrtTracing.Stage("store");
            var destination = await storage.DestinationOfAsync(job, cancellationToken);
            foreach (var output in job.Outputs.Where(output => output.StorageKey is not null && output.StoreStatus != StoreStatus.Stored))
            {
                output.CompleteStorageKey();
                await storage.StoreAsync(job, output, destination, cancellationToken);
            }
        }
        return new CompletedJob(job.Outputs, convertedAt, optimizedAt, clock.GetUtcNow());
    }

    /// <summary>
    /// Decoders and encoders do not all stop when asked (ImageSharp's WebP encoder runs to the end), and a
    /// job at shutdown or past its timeout must not wait for them. The abandoned work still holds its
    /// conversion slot until it ends, and commits nothing: the blob write checks the token before its rename.
    /// </summary>
    private static Task<T> StopWaitingWhenCancelled<T>(Task<T> work, CancellationToken cancellationToken)
    {
        work.ContinueWith(abandoned => abandoned.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return work.WaitAsync(cancellationToken);
    }

    private async Task RetryOrFailAsync(JobLease lease, ConversionJob job, PortalError error, string message)
    {
        if (job.Attempts >= options.Value.MaxAttempts)
        {
            await lifecycle.FailAsync(lease, error, message, CancellationToken.None);
            return;
        }
        var backOff = TimeSpan.FromSeconds(Math.Pow(2, job.Attempts));
        await lifecycle.ReleaseAsync(lease, backOff, countAttempt: true, CancellationToken.None);
    }

    private async Task<ConversionJob?> LoadAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking().SingleOrDefaultAsync(job => job.Id == jobId, cancellationToken);
    }

    /// <summary>The job's upload is gone (deleted by retention while it waited, or lost): not the image's fault.</summary>
    private sealed class InputMissingException(string message) : Exception(message);

    /// <summary>Renews the lease while the job runs; if another worker has taken the job over, stops the work.</summary>
    private sealed class Heartbeat : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task beating;

        public Heartbeat(JobLifecycle lifecycle, JobLease lease, TimeSpan interval, TimeProvider clock, CancellationTokenSource lost, ILogger logger)
        {
            beating = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(interval, clock);
                try
                {
                    while (await timer.WaitForNextTickAsync(stop.Token))
                    {
                        if (!await lifecycle.RenewAsync(lease, stop.Token))
                        {
                            await lost.CancelAsync();
                            return;
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
                catch (Exception exception)
                {
                    // A renewal that errs (the database busy beyond its timeout) ends the heartbeat: the lease may
                    // lapse and another worker take over, and the conditional completion keeps that to one finish.
                    logger.LogWarning(exception, "Heartbeat for job {JobId} failed", lease.JobId);
                }
            });
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await beating;
            stop.Dispose();
        }
    }
}
