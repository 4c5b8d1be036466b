using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Presets;
using Konvrt.Portal.Infrastructure.Outbound;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Konvrt.Portal.Features.Jobs.Uploads;

/// <summary>
/// The Convert page's work: a file streams from the browser in segments over the circuit (never whole,
/// never as base64) straight into the same job queue the API uses — or a pasted URL is queued for the
/// worker to fetch — then the job is followed to its end.
/// </summary>
public sealed class BrowserConversions(
    JobQueue queue, JobEvents events, OutboundPolicy outbound, IBlobStore blobs, IOptions<ConversionLimits> limits, ILogger<BrowserConversions> logger)
{
    /// <summary>How long the page follows one job before it leaves the rest to the job history.</summary>
    public static readonly TimeSpan FollowFor = TimeSpan.FromMinutes(30);

    public long MaxInputBytes => limits.Value.MaxInputBytes;

    /// <summary>Uploads the file into a job. Returns the job, or null with <see cref="BrowserUpload.Problem"/> set.</summary>
    /// <param name="changed">Called after each change worth showing; the page re-renders on it.</param>
    public async Task<ConversionJob?> UploadAsync(
        BrowserUpload upload, IBrowserFile file, IReadOnlyList<OutputDefinition> outputs, Guid workspaceId, Func<Task> changed, CancellationToken cancellationToken)
    {
        if (file.Size > MaxInputBytes)
        {
            return await FailAsync(upload, UploadProblem.TooLarge(MaxInputBytes), changed);
        }
        upload.Phase = UploadPhase.Uploading;
        await changed();
        var shownPercent = 0;
        try
        {
            ConversionJob job;
            await using (var content = new ProgressStream(file.OpenReadStream(MaxInputBytes, cancellationToken), bytes =>
            {
                upload.UploadedBytes = bytes;
                // A re-render per segment would cost more than the upload: every few percent is enough to see.
                if (upload.UploadPercent >= shownPercent + 5)
                {
                    shownPercent = (int)upload.UploadPercent;
                    _ = changed();
                }
            }))
            {
                job = await queue.SubmitAsync(new JobSubmission(workspaceId, new UploadedSource(file.Name, content), outputs, JobOrigin.Browser), cancellationToken);
            }
            return await AcceptedAsync(upload, job, changed);
        }
        catch (ConversionException refusal)
        {
            return await FailAsync(upload, UploadProblem.ForRefusal(refusal, MaxInputBytes), changed);
        }
        catch (InsufficientCreditsException shortage)
        {
            return await FailAsync(upload, UploadProblem.NotEnoughCredits(shortage), changed);
        }
        catch (Exception exception) when (exception is IOException or JSException or JSDisconnectedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogInformation(exception, "A browser upload of {Bytes} bytes stopped part-way", file.Size);
            return await FailAsync(upload, UploadProblem.Interrupted, changed);
        }
    }

    /// <summary>
    /// Converts the original of an earlier job again with other outputs, from the copy the portal kept: nothing
    /// is uploaded again. Null with <see cref="BrowserUpload.Problem"/> set when the original is no longer kept.
    /// </summary>
    public async Task<ConversionJob?> RerunAsync(
        BrowserUpload upload, ConversionJob earlier, IReadOnlyList<OutputDefinition> outputs, Guid workspaceId, Func<Task> changed, CancellationToken cancellationToken)
    {
        await using var original = await blobs.OpenReadAsync(earlier.InputBlob, cancellationToken);
        if (original is null)
        {
            return await FailAsync(upload, UploadProblem.OriginalGone, changed);
        }
        try
        {
            var job = await queue.SubmitAsync(new JobSubmission(workspaceId, new UploadedSource(earlier.SourceFileName, original.Content), outputs, JobOrigin.Browser), cancellationToken);
            return await AcceptedAsync(upload, job, changed);
        }
        catch (ConversionException refusal)
        {
            return await FailAsync(upload, UploadProblem.ForRefusal(refusal, MaxInputBytes), changed);
        }
        catch (InsufficientCreditsException shortage)
        {
            return await FailAsync(upload, UploadProblem.NotEnoughCredits(shortage), changed);
        }
    }

    /// <summary>Queues a pasted URL for a worker to fetch and convert; null with <see cref="BrowserUpload.Problem"/> set when it cannot be used.</summary>
    public async Task<ConversionJob?> FetchAsync(
        BrowserUpload upload, IReadOnlyList<OutputDefinition> outputs, Guid workspaceId, Func<Task> changed, CancellationToken cancellationToken)
    {
        var address = upload.Url ?? throw new InvalidOperationException("Only a pasted URL is fetched.");
        var problem = Uri.TryCreate(address, UriKind.Absolute, out var url)
            ? await outbound.ProblemWithUrlAsync(address, cancellationToken)
            : "must be an absolute http:// or https:// URL.";
        if (problem is not null)
        {
            return await FailAsync(upload, UploadProblem.BadUrl(problem), changed);
        }
        try
        {
            var job = await queue.SubmitAsync(new JobSubmission(workspaceId, new UrlSource(url!), outputs, JobOrigin.Browser), cancellationToken);
            return await AcceptedAsync(upload, job, changed);
        }
        catch (InsufficientCreditsException shortage)
        {
            return await FailAsync(upload, UploadProblem.NotEnoughCredits(shortage), changed);
        }
    }

    /// <summary>Follows a queued job until it completes or fails, marking when a worker takes it.</summary>
    public async Task FollowAsync(BrowserUpload upload, Func<Task> changed, CancellationToken cancellationToken)
    {
        if (upload.Job is not { IsFinished: false } job)
        {
            return;
        }
        using var subscription = events.Subscribe(async (change, _) =>
        {
            if (change.JobId == job.Id && change.Status == JobStatus.Processing && !upload.Processing)
            {
                upload.Processing = true;
                await changed();
            }
        });
        var finished = await queue.WaitAsync(job.Id, FollowFor, cancellationToken);
        if (finished is { IsFinished: true })
        {
            upload.Job = finished;
            Finish(upload, finished);
            await changed();
        }
    }

    /// <summary>The job is in the queue (or, from the cache, already done): the card follows it from here.</summary>
    private static async Task<ConversionJob> AcceptedAsync(BrowserUpload upload, ConversionJob job, Func<Task> changed)
    {
        upload.UploadedBytes = upload.Size;
        upload.Job = job;
        if (job.IsFinished)
        {
            Finish(upload, job);
        }
        else
        {
            upload.Phase = UploadPhase.Converting;
        }
        await changed();
        return job;
    }

    private static void Finish(BrowserUpload upload, ConversionJob job)
    {
        if (job.Status == JobStatus.Completed)
        {
            upload.Phase = UploadPhase.Completed;
        }
        else
        {
            upload.Phase = UploadPhase.Failed;
            upload.Problem = UploadProblem.ForJob(job);
        }
    }

    private static async Task<ConversionJob?> FailAsync(BrowserUpload upload, UploadProblem problem, Func<Task> changed)
    {
        upload.Phase = UploadPhase.Failed;
        upload.Problem = problem;
        await changed();
        return null;
    }
}
