using Konvrt.Portal.Infrastructure.Telemetry;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Http;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// The Jobs feature's front door: Upload → Validate happen here, in the caller's request; Fetch (for a URL
/// source), Convert → Optimize → Store → Notify happen in a worker. A job is saved before anything can go wrong with it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is the job queue, not a collection type.")]
public sealed class JobQueue(
    IDbContextFactory<PortalDbContext> contexts,
    IBlobStore blobs,
    ImageConverter converter,
    JobCache cache,
    IJobCharges charges,
    JobSignal signal,
    JobEvents events,
    JobLifecycle lifecycle,
    JobProcessor processor,
    IHostApplicationLifetime lifetime,
    IOptions<JobsOptions> options,
    IOptions<ConversionLimits> limits,
    TimeProvider clock,
    ILogger<JobQueue> logger)
{
    /// <summary>What a submission made: its jobs, and their batch when there were several sources.</summary>
    public sealed record Submitted(Batch? Batch, IReadOnlyList<ConversionJob> Jobs);

    /// <summary>One source: see <see cref="SubmitAsync(IReadOnlyList{JobSubmission}, RecordAlongside?, CancellationToken)"/>.</summary>
    public async Task<ConversionJob> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken, RecordAlongside? alongside = null) =>
        (await SubmitAsync([submission], alongside, cancellationToken)).Jobs[0];

    /// <summary>
    /// Stores and validates each upload (a URL source is fetched later, by the worker), then saves every job in one
    /// transaction that reserves all their credits or none. A job is queued, or completed at once from the result
    /// cache, or recorded as failed when its file is refused. Throws <see cref="ConversionException"/> only when an
    /// upload is larger than the limit, and <see cref="InsufficientCreditsException"/> when the workspace cannot pay
    /// for them all: then nothing is kept.
    /// </summary>
    public Task<Submitted> SubmitAsync(IReadOnlyList<JobSubmission> submissions, RecordAlongside? alongside, CancellationToken cancellationToken) =>
        SubmitAsync(submissions, alongside, claimFor: null, cancellationToken);

    /// <param name="claimFor">
    /// The runner that will run a single job itself: the job is saved already claimed by it, and no worker is woken.
    /// </param>
    private async Task<Submitted> SubmitAsync(
        IReadOnlyList<JobSubmission> submissions, RecordAlongside? alongside, string? claimFor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(submissions.Count);
        var batch = submissions.Count == 1 ? null : new Batch
        {
            WorkspaceId = submissions[0].WorkspaceId,
            WebhookUrl = submissions[0].WebhookUrl,
            CreatedAt = clock.GetUtcNow(),
        };
        var jobs = new List<ConversionJob>(submissions.Count);
        try
        {
            foreach (var submission in submissions)
            {
                jobs.Add(await StageAsync(submission, batch?.Id, cancellationToken));
            }
            if (claimFor is not null && jobs is [{ IsFinished: false } single])
            {
                lifecycle.ClaimAsSaved(single, claimFor);
            }
            await SaveAsync(batch, jobs, alongside, cancellationToken);
        }
        catch
        {
            foreach (var job in jobs)
            {
                await blobs.DeleteAsync(BlobKeys.Input(job.WorkspaceId, job.Id), CancellationToken.None);
            }
            throw;
        }
        foreach (var job in jobs)
        {
            if (job.IsFinished)
            {
                job.NotifiedAt = await lifecycle.NotifyAsync(job.Id, cancellationToken);
            }
            else
            {
                await events.PublishAsync(new JobChanged(job.Id, job.WorkspaceId, job.Status), cancellationToken);
            }
        }
        if (jobs.Any(job => !job.IsFinished && job.LeaseOwner is null))
        {
            signal.Notify();
        }
        return new Submitted(batch, jobs);
    }

    /// <summary>Upload → Validate for an upload, and a look in the cache; a URL source waits for the worker.</summary>
    private async Task<ConversionJob> StageAsync(JobSubmission submission, Guid? batchId, CancellationToken cancellationToken)
    {
        var jobId = Guid.NewGuid();
        var inputKey = BlobKeys.Input(submission.WorkspaceId, jobId);
        if (submission.Source is not UploadedSource upload)
        {
            var fetchLater = NewJob(submission, jobId, batchId, inputKey, clock.GetUtcNow());
            // What the fetch will cost is known once it is fetched: one credit per output now, the rest then.
            fetchLater.CreditsCharged = fetchLater.CostFor(0, charges);
            return fetchLater;
        }

        UploadWriter.Stored stored;
        using (ServerTiming.Measure("store-input"))
        {
            stored = await UploadWriter.StoreAsync(blobs, inputKey, upload.Content, limits.Value.MaxInputBytes, cancellationToken);
        }
        var job = NewJob(submission, jobId, batchId, inputKey, clock.GetUtcNow());
        job.InputBytes = stored.Bytes;
        job.InputSha256 = stored.Sha256;
        try
        {
            using var validating = ServerTiming.Measure("validate");
            await using var input = await blobs.OpenReadAsync(inputKey, cancellationToken)
                ?? throw new InvalidOperationException($"The upload {inputKey} vanished from storage.");
            job.Validated(await converter.InspectAsync(input.Content, [.. job.Outputs.Select(output => output.Options)], cancellationToken), clock.GetUtcNow());
        }
        catch (ConversionException refusal)
        {
            await blobs.DeleteAsync(inputKey, cancellationToken);
            job.Fail(refusal.Error.Code(), refusal.Message, clock.GetUtcNow());
            return job;
        }

        using (ServerTiming.Measure("cache"))
        {
            await cache.ApplyAsync(job, cancellationToken);
        }
        job.CreditsCharged = job.CostFor(job.InputBytes, charges);
        if (job.Outputs.All(output => output.Cached) && job.StorageId is null)
        {
            // Nothing to convert and nowhere to store: complete now. The earlier job's upload serves as this one's.
            await blobs.DeleteAsync(inputKey, cancellationToken);
            job.InputBlob = await InputOfAsync(job.Main.CachedFromJobId!.Value, cancellationToken) ?? inputKey;
            job.Status = JobStatus.Completed;
            job.StoredAt = job.CompletedAt = clock.GetUtcNow();
        }
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

    /// <summary>
    /// Submits and, unless the caller asked for async, waits up to <c>Jobs:SyncWaitSeconds</c> for every job to end.
    /// A single job the caller waits for is run by the request itself, where this instance runs jobs at all: handing
    /// it to a worker and waiting to hear back only adds the hop (see docs/benchmarks.md, issue 18).
    /// </summary>
    public async Task<Submitted> SubmitAndWaitAsync(
        IReadOnlyList<JobSubmission> submissions, bool async, RecordAlongside? alongside, CancellationToken cancellationToken)
    {
        var runHere = !async && submissions.Count == 1 && options.Value.Workers > 0;
        var submitted = await SubmitAsync(submissions, alongside, runHere ? JobHost.Owner("request") : null, cancellationToken);
        if (async || submitted.Jobs.All(job => job.IsFinished))
        {
            return submitted;
        }
        if (submitted.Batch is { } batch)
        {
            return submitted with { Jobs = await WaitForBatchAsync(batch.Id, SyncWait, cancellationToken) };
        }
        var job = submitted.Jobs[0];
        var ran = job.LeaseOwner is { } owner ? await RunHereAsync(new JobLease(job.Id, owner, job.LeaseVersion), cancellationToken) : null;
        return submitted with { Jobs = [ran ?? await WaitAsync(job.Id, SyncWait, cancellationToken) ?? job] };
    }

    /// <summary>
    /// Runs the job this request saved already claimed, waiting for it at most the sync wait: past that the job carries
    /// on here (its lease kept alive, released if the instance stops) and the caller polls.
    /// </summary>
    private async Task<ConversionJob?> RunHereAsync(JobLease lease, CancellationToken cancellationToken)
    {
        var run = ProcessHereAsync(lease);
        await Task.WhenAny(run, Task.Delay(SyncWait, clock, cancellationToken));
        using (ServerTiming.Measure("answer"))
        {
            return await LoadAsync(lease.JobId, CancellationToken.None);
        }
    }

    /// <summary>Runs the claimed job to its end, however long the request waits; released to the queue if the instance stops.</summary>
    private async Task ProcessHereAsync(JobLease lease)
    {
        try
        {
            await processor.ProcessAsync(lease, lifetime.ApplicationStopping);
        }
        catch (Exception exception)
        {
            // Its lease lapses and a worker takes the job over, as after any failure outside the job's own handling.
            logger.LogError(exception, "Job {JobId} failed in the request that ran it", lease.JobId);
        }
    }

    /// <summary>
    /// Waits until every job of the batch has finished and been announced, or <paramref name="timeout"/> has passed,
    /// and returns them as they then are, in the order they were submitted.
    /// </summary>
    public async Task<IReadOnlyList<ConversionJob>> WaitForBatchAsync(Guid batchId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var changed = new SemaphoreSlim(0);
        using var subscription = events.Subscribe((change, _) =>
        {
            if (change.Status is JobStatus.Completed or JobStatus.Failed)
            {
                changed.Release();
            }
            return Task.CompletedTask;
        });
        var deadline = clock.GetUtcNow() + timeout;
        while (true)
        {
            var jobs = await BatchJobsAsync(batchId, cancellationToken);
            var left = deadline - clock.GetUtcNow();
            if (jobs.All(job => job.IsFinished && job.NotifiedAt is not null) || left <= TimeSpan.Zero)
            {
                return jobs;
            }
            var poll = TimeSpan.FromSeconds(Math.Min(options.Value.PollSeconds, left.TotalSeconds));
            await Task.WhenAny(changed.WaitAsync(cancellationToken), Task.Delay(poll, clock, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task<IReadOnlyList<ConversionJob>> BatchJobsAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking().Where(job => job.BatchId == batchId)
            .OrderBy(job => job.CreatedAt).ThenBy(job => job.Id).ToListAsync(cancellationToken);
    }

    private ConversionJob NewJob(JobSubmission submission, Guid jobId, Guid? batchId, string inputKey, DateTimeOffset now)
    {
        var fileName = SafeFileName(submission.Source.FileName);
        return new ConversionJob
        {
            Id = jobId,
            WorkspaceId = submission.WorkspaceId,
            Origin = submission.Origin,
            ApiKeyId = submission.ApiKeyId,
            IsTest = submission.IsTest,
            WebhookUrl = submission.WebhookUrl,
            BatchId = batchId,
            TraceParent = KonvrtTracing.CurrentTraceParent,
            SourceFileName = fileName,
            SourceUrl = (submission.Source as UrlSource)?.Url.AbsoluteUri,
            InputBlob = inputKey,
            InputSha256 = "",
            Outputs = [.. submission.Outputs.Select((definition, index) => new JobOutput
            {
                JobId = jobId,
                Index = index,
                Name = definition.Name,
                Options = definition.Options,
                OptionsNormalized = definition.Options.Normalized(),
                StorageKey = submission.Storage is { } storage ? storage.KeyFor(StorageKey(definition, jobId, fileName, submission.Variables)) : null,
                StoreStatus = submission.Storage is null ? null : StoreStatus.Pending,
            })],
            StorageId = submission.Storage?.Id,
            StorageName = submission.Storage?.Name,
            CreatedAt = now,
            UploadedAt = now,
            AvailableAt = now,
            ExpiresAt = now + (submission.IsTest && TestMode.Retention < options.Value.Retention ? TestMode.Retention : options.Value.Retention),
        };
    }

    /// <summary>The request was checked against the same templates before it got here: a key that cannot be made is our bug.</summary>
    private static string StorageKey(Presets.OutputDefinition definition, Guid jobId, string fileName, IReadOnlyDictionary<string, string>? variables) =>
        Presets.StoragePaths.KeyFor(definition.Path, jobId, definition.Name, definition.Options.Format.Extension(), fileName, variables) is { Key: { } key }
            ? key
            : throw new InvalidOperationException($"The output '{definition.Name}' has a path that cannot be filled; requests are checked before this.");

    private async Task<string?> InputOfAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking().IgnoreAutoIncludes().Where(job => job.Id == jobId).Select(job => job.InputBlob).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every job of the request, their batch and their credits, in one transaction: all are kept and paid for, or none.</summary>
    private async Task SaveAsync(Batch? batch, List<ConversionJob> jobs, RecordAlongside? alongside, CancellationToken cancellationToken)
    {
        using var saving = ServerTiming.Measure("save");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (batch is not null)
        {
            db.Set<Batch>().Add(batch);
        }
        db.Jobs.AddRange(jobs);
        await db.SaveChangesAsync(cancellationToken);
        if (alongside is not null)
        {
            await alongside(db, batch?.Id ?? jobs[0].Id, cancellationToken);
        }
        // The charge comes last: it locks the workspace's balance row until the commit, and every other submission of
        // the workspace waits on that lock (PostgreSQL's writers run side by side; SQLite's take turns anyway).
        await charges.ReserveAsync(db, [.. jobs.Where(job => job.CreditsCharged > 0).Select(job => new JobCharge(job.WorkspaceId, job.Id, job.CreditsCharged))],
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

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
