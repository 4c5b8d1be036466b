using System.Text.Json;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Input;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// The Jobs feature's front door: Upload → Validate happen here, in the caller's request; Convert →
/// Optimize → Store → Notify happen in a worker. The job is saved before anything can go wrong with it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is the job queue, not a collection type.")]
public sealed class JobQueue(
    IDbContextFactory<PortalDbContext> contexts,
    IBlobStore blobs,
    ImageConverter converter,
    IJobCharges charges,
    JobSignal signal,
    JobEvents events,
    JobLifecycle lifecycle,
    IOptions<JobsOptions> options,
    IOptions<ConversionLimits> limits,
    TimeProvider clock)
{
    /// <summary>
    /// Stores and validates the upload, then queues a job, or completes it at once from the result cache,
    /// or records it as failed when the file is refused. Throws <see cref="ConversionException"/> only when
    /// the upload is larger than the limit (nothing is kept of it).
    /// </summary>
    public async Task<ConversionJob> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken)
    {
        var jobId = Guid.NewGuid();
        var inputKey = BlobKeys.Input(submission.WorkspaceId, jobId);
        var upload = await UploadWriter.StoreAsync(blobs, inputKey, submission.Content, limits.Value.MaxInputBytes, cancellationToken);
        var uploadedAt = clock.GetUtcNow();

        SourceImage? source = null;
        ConversionException? refusal = null;
        await using (var stored = await blobs.OpenReadAsync(inputKey, cancellationToken)
            ?? throw new InvalidOperationException($"The upload {inputKey} vanished from storage."))
        {
            try
            {
                source = await converter.InspectAsync(stored.Content, submission.Options, cancellationToken);
            }
            catch (ConversionException exception)
            {
                refusal = exception;
            }
        }
        var validatedAt = clock.GetUtcNow();
        var job = NewJob(submission, jobId, inputKey, upload, uploadedAt, source, validatedAt);

        if (refusal is not null)
        {
            await blobs.DeleteAsync(inputKey, cancellationToken);
            job.Status = JobStatus.Failed;
            job.ErrorCode = refusal.Error.Code();
            job.ErrorMessage = refusal.Message;
            job.CompletedAt = validatedAt;
            await SaveAsync(job, submission, reserve: false, cancellationToken);
            await NotifyAsync(job, cancellationToken);
            return job;
        }

        if (await FindCachedAsync(job, cancellationToken) is { } earlier)
        {
            await blobs.DeleteAsync(inputKey, cancellationToken);
            var cached = CompleteFromCache(job, earlier, validatedAt);
            await SaveAsync(cached, submission, reserve: false, cancellationToken);
            await NotifyAsync(cached, cancellationToken);
            return cached;
        }

        try
        {
            await SaveAsync(job, submission, reserve: true, cancellationToken);
        }
        catch
        {
            await blobs.DeleteAsync(inputKey, CancellationToken.None);
            throw;
        }
        await events.PublishAsync(new JobChanged(job.Id, job.WorkspaceId, job.Status, job.WebhookUrl), cancellationToken);
        signal.Notify();
        return job;
    }

    /// <summary>
    /// Waits until the job has finished and been announced, or <paramref name="timeout"/> has passed, and returns it as it then is.
    /// Listens for this process's events and also looks at the database, since another host may finish it.
    /// </summary>
    public async Task<ConversionJob?> WaitAsync(Guid jobId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = events.Subscribe((change, _) =>
        {
            if (change.JobId == jobId && change.Status is JobStatus.Completed or JobStatus.Failed)
            {
                finished.TrySetResult();
            }
            return Task.CompletedTask;
        });
        var deadline = clock.GetUtcNow() + timeout;
        while (true)
        {
            var job = await LoadAsync(jobId, cancellationToken);
            var left = deadline - clock.GetUtcNow();
            // Finished means announced too: the job a waiter gets back is complete in every field.
            if (job is null || (job.IsFinished && job.NotifiedAt is not null) || left <= TimeSpan.Zero)
            {
                return job;
            }
            var poll = TimeSpan.FromSeconds(Math.Min(options.Value.PollSeconds, left.TotalSeconds));
            await Task.WhenAny(finished.Task, Task.Delay(poll, clock, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary><c>Jobs:SyncWaitSeconds</c>: how long a synchronous submission waits for its result.</summary>
    public TimeSpan SyncWait => TimeSpan.FromSeconds(options.Value.SyncWaitSeconds);

    /// <summary>Submits and, unless the caller asked for async, waits up to <c>Jobs:SyncWaitSeconds</c> for the result.</summary>
    public async Task<ConversionJob> SubmitAndWaitAsync(JobSubmission submission, bool async, CancellationToken cancellationToken)
    {
        var job = await SubmitAsync(submission, cancellationToken);
        if (async || job.IsFinished)
        {
            return job;
        }
        return await WaitAsync(job.Id, SyncWait, cancellationToken) ?? job;
    }

    private ConversionJob NewJob(
        JobSubmission submission, Guid jobId, string inputKey, UploadWriter.Stored upload,
        DateTimeOffset uploadedAt, SourceImage? source, DateTimeOffset validatedAt) => new()
    {
        Id = jobId,
        WorkspaceId = submission.WorkspaceId,
        Origin = submission.Origin,
        ApiKeyId = submission.ApiKeyId,
        WebhookUrl = submission.WebhookUrl,
        SourceFileName = SafeFileName(submission.FileName),
        InputBlob = inputKey,
        InputBytes = upload.Bytes,
        InputSha256 = upload.Sha256,
        InputFormat = source?.Format.Name(),
        InputWidth = source?.Width,
        InputHeight = source?.Height,
        InputFrames = source?.Frames,
        Options = submission.Options,
        OptionsNormalized = submission.Options.Normalized(),
        CreatedAt = uploadedAt,
        UploadedAt = uploadedAt,
        ValidatedAt = source is null ? null : validatedAt,
        AvailableAt = uploadedAt,
        ExpiresAt = uploadedAt + options.Value.Retention,
    };

    private async Task<ConversionJob?> FindCachedAsync(ConversionJob job, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A minute's margin: never point at an output the sweeper is about to delete.
        var keptUntil = clock.GetUtcNow().AddMinutes(1);
        var earlier = await db.Jobs.AsNoTracking()
            .Where(other => other.WorkspaceId == job.WorkspaceId
                && other.InputSha256 == job.InputSha256
                && other.OptionsNormalized == job.OptionsNormalized
                && other.Status == JobStatus.Completed
                && other.OutputBlob != null
                && other.ExpiresAt > keptUntil)
            .OrderByDescending(other => other.ExpiresAt)
            .FirstOrDefaultAsync(cancellationToken);
        return earlier is not null && await blobs.ExistsAsync(earlier.OutputBlob!, cancellationToken) ? earlier : null;
    }

    /// <summary>A new job that shares the earlier job's files: completed at once, charged nothing, expiring with them.</summary>
    private static ConversionJob CompleteFromCache(ConversionJob job, ConversionJob earlier, DateTimeOffset now) => new()
    {
        Id = job.Id,
        WorkspaceId = job.WorkspaceId,
        Origin = job.Origin,
        ApiKeyId = job.ApiKeyId,
        WebhookUrl = job.WebhookUrl,
        SourceFileName = job.SourceFileName,
        InputBlob = earlier.InputBlob,
        InputBytes = job.InputBytes,
        InputSha256 = job.InputSha256,
        InputFormat = job.InputFormat,
        InputWidth = job.InputWidth,
        InputHeight = job.InputHeight,
        InputFrames = job.InputFrames,
        Options = job.Options,
        OptionsNormalized = job.OptionsNormalized,
        Status = JobStatus.Completed,
        Cached = true,
        CachedFromJobId = earlier.Id,
        OutputBlob = earlier.OutputBlob,
        OutputFormat = earlier.OutputFormat,
        OutputWidth = earlier.OutputWidth,
        OutputHeight = earlier.OutputHeight,
        OutputBytes = earlier.OutputBytes,
        CreditsCharged = 0,
        CreatedAt = job.CreatedAt,
        UploadedAt = job.UploadedAt,
        ValidatedAt = job.ValidatedAt,
        StoredAt = now,
        CompletedAt = now,
        ExpiresAt = earlier.ExpiresAt,
        AvailableAt = job.AvailableAt,
    };

    private async Task SaveAsync(ConversionJob job, JobSubmission submission, bool reserve, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (reserve)
        {
            job.CreditsCharged = await charges.ReserveAsync(db, new JobCharge(job.WorkspaceId, job.Id, job.InputBytes, 0), cancellationToken);
        }
        db.Jobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        if (submission.RecordAlongside is { } alongside)
        {
            await alongside(db, job.Id, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task NotifyAsync(ConversionJob job, CancellationToken cancellationToken) =>
        job.NotifiedAt = await lifecycle.NotifyAsync(job.Id, cancellationToken);

    private async Task<ConversionJob?> LoadAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking().SingleOrDefaultAsync(job => job.Id == jobId, cancellationToken);
    }

    /// <summary>
    /// The name as shown back to its owner: no path, no control characters, no bidirectional overrides (which
    /// make <c>photo\u202Egpj.exe</c> display as <c>photoexe.jpg</c>), at most 255 characters.
    /// </summary>
    internal static string SafeFileName(string name)
    {
        var leaf = name.Replace('\\', '/').Split('/').LastOrDefault(part => part.Length > 0) ?? "";
        var clean = new string(leaf.Where(character => !char.IsControl(character) && !IsBidiControl(character)).ToArray()).Trim();
        return clean.Length == 0 ? "upload" : clean[..Math.Min(clean.Length, 255)];
    }

    /// <summary>Embeddings, overrides and isolates (U+202A–202E, U+2066–2069) and the implicit marks (LRM, RLM, ALM).</summary>
    private static bool IsBidiControl(char character) =>
        character is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
