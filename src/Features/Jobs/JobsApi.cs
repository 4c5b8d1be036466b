using Konvrt.Portal.Features.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>Status, download, list and delete: every look-up scoped to the caller's workspace, so another's job is a 404.</summary>
public static class JobsApi
{
    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/status/{jobId:guid}", GetStatus).WithName("GetStatus").WithSummary("A job's status, and its download link once completed.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/download/{jobId:guid}", Download).WithName("Download")
            .WithSummary("The converted image, with range support.")
            .Produces(StatusCodes.Status200OK, contentType: "image/webp", additionalContentTypes: ["image/jpeg", "image/png", "image/gif", "image/avif"])
            .Produces(StatusCodes.Status206PartialContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
        api.MapGet("/jobs", ListJobs).WithName("ListJobs").WithSummary("The workspace's jobs, newest first, paged.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapDelete("/jobs/{jobId:guid}", DeleteJob).WithName("DeleteJob").WithSummary("Deletes a finished job and its files.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetStatus(
        Guid jobId, ApiCaller caller, JobStore jobs, HttpRequest request, CancellationToken cancellationToken) =>
        await jobs.FindAsync(caller.WorkspaceId, jobId, cancellationToken) is { } job
            ? TypedResults.Ok(JobResponse.From(job, ApiUrls.BaseOf(request)))
            : JobProblems.NotFound(jobId);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(
        Guid jobId, ApiCaller caller, JobStore jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.FindAsync(caller.WorkspaceId, jobId, cancellationToken);
        if (job is null)
        {
            return JobProblems.NotFound(jobId);
        }
        if (job.Status == JobStatus.Expired)
        {
            return JobProblems.Expired(job);
        }
        if (job.Status != JobStatus.Completed)
        {
            return JobProblems.NotReady(job);
        }
        var output = await jobs.OpenOutputAsync(caller.WorkspaceId, jobId, cancellationToken);
        if (output is null)
        {
            return JobProblems.Expired(job);
        }
        // Outputs never change once stored: the job and its size name the content.
        var etag = new EntityTagHeaderValue($"\"{job.Id:N}-{job.OutputBytes}\"");
        return TypedResults.Stream(output.Content, $"image/{job.OutputFormat}", PortalJobFiles.DownloadName(job), job.StoredAt, etag, enableRangeProcessing: true);
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
                return TypedResults.Problem($"'{status}' is not a job status; use queued, processing, completed, failed or expired.",
                    statusCode: 400, title: "Invalid filter", type: Infrastructure.Errors.ErrorCatalog.BadRequest.Type);
            }
            filter = parsed;
        }
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var (items, total) = await jobs.ListAsync(caller.WorkspaceId, filter, page, pageSize, cancellationToken);
        var baseUrl = ApiUrls.BaseOf(request);
        return TypedResults.Ok(new JobListResponse([.. items.Select(job => JobResponse.From(job, baseUrl))], page, pageSize, total));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteJob(
        Guid jobId, ApiCaller caller, JobStore jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.FindAsync(caller.WorkspaceId, jobId, cancellationToken);
        if (job is null)
        {
            return JobProblems.NotFound(jobId);
        }
        return await jobs.DeleteAsync(caller.WorkspaceId, jobId, cancellationToken)
            ? TypedResults.NoContent()
            : JobProblems.StillRunning(jobId);
    }
}
