using Konvrt.Portal.Features.Accounts.Email;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
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
public sealed class OutputStorage(
    StorageDestinations destinations, S3Buckets buckets, IBlobStore blobs, OwnerNotices notices, PortalUrls urls,
    IOptions<JobsOptions> options, TimeProvider clock, KonvrtMetrics metrics, ILogger<OutputStorage> logger)
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
            if (destination.FailingSince is not null)
            {
                await destinations.MarkWorkingAsync(destination.Id, cancellationToken);
            }
        }
        catch (StorageFailureException failure)
        {
            if (await destinations.MarkFailingAsync(destination.Id, cancellationToken))
            {
                await TellOwnersAsync(destination, failure.Message, cancellationToken);
            }
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

    /// <summary>
    /// Once per failing spell of a destination, when it starts: the outputs are still retried for hours, and the owners
    /// can mend the bucket or its keys before any is given up. A mail that cannot be sent does not stop the pipeline.
    /// </summary>
    private async Task TellOwnersAsync(StorageDestination destination, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await notices.SendAsync(destination.WorkspaceId, workspace => new PortalMail(
                $"Konvrt cannot store outputs in \"{destination.Name}\"",
                $"Uploads to the storage destination \"{destination.Name}\" fail",
                [$"The last upload to the bucket {destination.Bucket} failed: {reason}",
                 "Konvrt keeps the outputs and tries again on a schedule over the next hours; each gives up after its last try. Check the bucket, its access keys and their permissions, then test the destination."],
                new MailLink("Open the storage destinations", urls.To("storage")),
                OwnerNotices.BecauseOwner(workspace, $"uploads to its storage destination \"{destination.Name}\" started to fail; we write once until one succeeds again"),
                new MailLink("The workspace's storage destinations", urls.To("storage"))), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not tell the owners that storage destination {DestinationId} fails", destination.Id);
        }
    }

    private static void GiveUp(JobOutput output, string reason)
    {
        output.StoreStatus = StoreStatus.Failed;
        output.StoreError = reason;
        output.StoreNextAttemptAt = null;
    }
}
