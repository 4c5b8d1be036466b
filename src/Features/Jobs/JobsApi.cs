using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.ApiKeys.Contract;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>Status, waiting, download, batches, list and delete: every look-up scoped to the caller's workspace, so another's job is a 404.</summary>
public static class JobsApi
{
    /// <summary>The longest a status request may wait for its job or batch to end.</summary>
    public const int MaxWaitSeconds = 60;

    private static readonly string[] OutputMediaTypes = [.. Enum.GetValues<OutputFormat>().Where(format => format != OutputFormat.Auto).Select(format => format.MediaType())];

    private static readonly ApiTag Tag = new("Jobs", "The jobs conversions made: their status, their files, their batches.");

    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/status/{jobId:guid}", GetStatus).Requires(WorkspaceAction.ViewJobs).WithName("GetStatus").WithApiTag(Tag).WithSummary("Get a job's status")
            .WithDescription("A job's status and outputs; with ?wait=N (at most 60) the answer comes as soon as the job ends, or after N seconds.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/download/{jobId:guid}", Download).Requires(WorkspaceAction.ViewJobs).WithName("Download").WithApiTag(Tag)
            .WithSummary("Download a job's output").WithDescription("The job's first output, with range support (or a redirect to the bucket where downloads are presigned).")
            .ProducesFile(StatusCodes.Status200OK, "The output file.", OutputMediaTypes)
            .ProducesFile(StatusCodes.Status206PartialContent, "The bytes asked for with Range.", OutputMediaTypes)
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
        api.MapGet("/download/{jobId:guid}/{outputName}", DownloadOutput).Requires(WorkspaceAction.ViewJobs).WithName("DownloadOutput").WithApiTag(Tag)
            .WithSummary("Download a named output").WithDescription("One named output of the job, with range support (or a redirect to the bucket where downloads are presigned).")
            .ProducesFile(StatusCodes.Status200OK, "The output file.", OutputMediaTypes)
            .ProducesFile(StatusCodes.Status206PartialContent, "The bytes asked for with Range.", OutputMediaTypes)
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
        api.MapGet("/batches/{batchId:guid}", GetBatch).Requires(WorkspaceAction.ViewJobs).WithName("GetBatch").WithApiTag(Tag).WithSummary("Get a batch")
            .WithDescription("Every job of a batch; with ?wait=N (at most 60) the answer comes as soon as all have ended, or after N seconds.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/batches/{batchId:guid}/download", DownloadBatch).Requires(WorkspaceAction.ViewJobs).WithName("DownloadBatch").WithApiTag(Tag)
            .WithSummary("Download a batch as a zip").WithDescription("Every output of the batch's completed jobs, as one zip.")
            .ProducesFile(StatusCodes.Status200OK, "A zip of every output.", "application/zip")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/jobs", ListJobs).Requires(WorkspaceAction.ViewJobs).WithName("ListJobs").WithApiTag(Tag).WithSummary("List jobs").WithDescription("The workspace's jobs, newest first, paged.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapDelete("/jobs/{jobId:guid}", DeleteJob).Requires(WorkspaceAction.Convert).WithName("DeleteJob").WithApiTag(Tag).WithSummary("Delete a job").WithDescription("Deletes a finished job and its files.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetStatus(
        Guid jobId, ApiCaller caller, JobStore jobs, JobQueue queue, HttpRequest request, CancellationToken cancellationToken, int? wait = null)
    {
        if (JobProblems.InvalidWait(wait) is { } invalid)
        {
            return invalid;
        }
        var job = Visible(await jobs.FindAsync(caller.WorkspaceId, jobId, cancellationToken), caller);
        if (job is null)
        {
            return JobProblems.NotFound(jobId);
        }
        if (wait > 0 && !job.IsFinished)
        {
            job = await queue.WaitAsync(jobId, TimeSpan.FromSeconds(wait.Value), cancellationToken) ?? job;
        }
        return TypedResults.Ok(JobResponse.From(job, ApiUrls.BaseOf(request)));
    }

    private static async Task<Results<FileStreamHttpResult, RedirectHttpResult, ProblemHttpResult>> Download(
        Guid jobId, ApiCaller caller, JobStore jobs, CancellationToken cancellationToken) =>
        await DownloadOutput(jobId, outputName: null, caller, jobs, cancellationToken);

    private static async Task<Results<FileStreamHttpResult, RedirectHttpResult, ProblemHttpResult>> DownloadOutput(
        Guid jobId, string? outputName, ApiCaller caller, JobStore jobs, CancellationToken cancellationToken)
    {
        var job = Visible(await jobs.FindAsync(caller.WorkspaceId, jobId, cancellationToken), caller);
        if (job is null)
        {
            return JobProblems.NotFound(jobId);
        }
        var output = job.OutputNamed(outputName);
        if (output is null)
        {
            return JobProblems.NoSuchOutput(job, outputName!);
        }
        if (job.Status == JobStatus.Expired)
        {
            return JobProblems.Expired(job);
        }
        if (job.Status != JobStatus.Completed)
        {
            return JobProblems.NotReady(job);
        }
        if (await jobs.PresignOutputAsync(job, output, cancellationToken) is { } presigned)
        {
            return TypedResults.Redirect(presigned.AbsoluteUri);
        }
        var content = await jobs.OpenOutputAsync(job, output, cancellationToken);
        return content is null ? JobProblems.Expired(job) : JobDownloads.File(job, output, content.Content);
    }

    private static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> GetBatch(
        Guid batchId, ApiCaller caller, JobStore jobs, JobQueue queue, HttpRequest request, CancellationToken cancellationToken, int? wait = null)
    {
        if (JobProblems.InvalidWait(wait) is { } invalid)
        {
            return invalid;
        }
        if (await jobs.FindBatchAsync(caller.WorkspaceId, batchId, cancellationToken) is not { } found || !IsVisible(found.Jobs, caller))
        {
            return JobProblems.NoSuchBatch(batchId);
        }
        var (batch, batchJobs) = found;
        if (wait > 0 && batchJobs.Any(job => !job.IsFinished))
        {
            batchJobs = await queue.WaitForBatchAsync(batchId, TimeSpan.FromSeconds(wait.Value), cancellationToken);
        }
        return TypedResults.Ok(BatchResponse.From(batch, batchJobs, ApiUrls.BaseOf(request)));
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> DownloadBatch(
        Guid batchId, ApiCaller caller, JobStore jobs, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await jobs.FindBatchAsync(caller.WorkspaceId, batchId, cancellationToken) is not { Jobs: var batchJobs } || !IsVisible(batchJobs, caller))
        {
            return JobProblems.NoSuchBatch(batchId);
        }
        if (!batchJobs.Any(job => job.Status == JobStatus.Completed))
        {
            return JobProblems.BatchNotReady(batchId, batchJobs);
        }
        await JobDownloads.WriteZipAsync(response, batchJobs, jobs, $"konvrt-batch-{batchId:N}.zip", cancellationToken);
        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<JobListResponse>, ProblemHttpResult>> ListJobs(
        ApiCaller caller, JobStore jobs, HttpRequest request, CancellationToken cancellationToken,
        string? status = null, int page = 1, int pageSize = 20)
    {
        JobStatus? filter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<JobStatus>(status, ignoreCase: true, out var parsed))
            {
                return Infrastructure.Errors.ErrorCatalog.BadRequest.Result($"'{status}' is not a job status; use queued, processing, completed, failed or expired.");
            }
            filter = parsed;
        }
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var (items, total) = await jobs.ListAsync(caller.WorkspaceId, caller.IsTest, filter, page, pageSize, cancellationToken);
        var baseUrl = ApiUrls.BaseOf(request);
        return TypedResults.Ok(new JobListResponse([.. items.Select(job => JobResponse.From(job, baseUrl))], page, pageSize, total));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteJob(
        Guid jobId, ApiCaller caller, JobStore jobs, CancellationToken cancellationToken)
    {
        var job = Visible(await jobs.FindAsync(caller.WorkspaceId, jobId, cancellationToken), caller);
        if (job is null)
        {
            return JobProblems.NotFound(jobId);
        }
        return await jobs.DeleteAsync(caller.WorkspaceId, jobId, cancellationToken)
            ? TypedResults.NoContent()
            : JobProblems.StillRunning(jobId);
    }

    /// <summary>As Stripe's modes: a test key sees only test jobs and a live key only live ones; the other kind is not found.</summary>
    private static ConversionJob? Visible(ConversionJob? job, ApiCaller caller) => job?.IsTest == caller.IsTest ? job : null;

    private static bool IsVisible(IReadOnlyList<ConversionJob> batchJobs, ApiCaller caller) => batchJobs.All(job => job.IsTest == caller.IsTest);
}
