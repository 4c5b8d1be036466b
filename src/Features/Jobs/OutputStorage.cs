using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Storage;
using Konvrt.Portal.Infrastructure.Storage;
using Konvrt.Portal.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// The pipeline's Store step for one output: one try at uploading it to the job's storage destination, its outcome
/// written into the output (stored; retrying on <see cref="JobsOptions.StoreRetrySchedule"/>; or, once the schedule
/// is spent or the destination is gone, failed with the reason).
/// </summary>
public sealed class OutputStorage(StorageDestinations destinations, S3Buckets buckets, IBlobStore blobs, IOptions<JobsOptions> options, TimeProvider clock, KonvrtMetrics metrics)
{
    public Task<StorageDestination?> DestinationOfAsync(ConversionJob job, CancellationToken cancellationToken) =>
        job.StorageId is { } id ? destinations.FindAsync(id, cancellationToken) : Task.FromResult<StorageDestination?>(null);

    public async Task StoreAsync(ConversionJob job, JobOutput output, StorageDestination? destination, CancellationToken cancellationToken)
    {
        await TryStoreAsync(job, output, destination, cancellationToken);
        metrics.StorageUploads.Add(1, new KeyValuePair<string, object?>("outcome", output.StoreStatus?.ToString().ToLowerInvariant()));
    }

    private async Task TryStoreAsync(ConversionJob job, JobOutput output, StorageDestination? destination, CancellationToken cancellationToken)
    {
        output.StoreAttempts++;
        if (destination is null)
        {
            GiveUp(output, $"The storage destination '{job.StorageName}' was deleted before the output could be stored.");
            return;
        }
        await using var content = output.Blob is { } blob ? await blobs.OpenReadAsync(blob, cancellationToken) : null;
        if (content is null)
        {
            GiveUp(output, "The output was deleted (retention) before it could be stored.");
            return;
        }
        try
        {
            await buckets.PutAsync(destination, output.StorageKey!, content.Content, (output.MadeFormat ?? output.Options.Format).MediaType(), cancellationToken);
            output.StoreStatus = StoreStatus.Stored;
            output.StoreError = null;
            output.StoreNextAttemptAt = null;
            output.StoredAt = clock.GetUtcNow();
        }
        catch (StorageFailureException failure)
        {
            var schedule = JobsOptions.StoreRetrySchedule;
            if (output.StoreAttempts > schedule.Count)
            {
                GiveUp(output, failure.Message);
                return;
            }
            output.StoreStatus = StoreStatus.Retrying;
            output.StoreError = failure.Message;
            output.StoreNextAttemptAt = clock.GetUtcNow() + schedule[output.StoreAttempts - 1] * options.Value.StoreRetryScale;
        }
    }

    private static void GiveUp(JobOutput output, string reason)
    {
        output.StoreStatus = StoreStatus.Failed;
        output.StoreError = reason;
        output.StoreNextAttemptAt = null;
    }
}
