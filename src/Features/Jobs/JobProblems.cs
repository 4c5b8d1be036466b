using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>The problems the job endpoints answer with, each with its stable type.</summary>
internal static class JobProblems
{
    public static ProblemHttpResult NotFound(Guid jobId) =>
        Problem(404, ProblemTypes.NotFound, "Job not found", $"This workspace has no job {jobId}.");

    public static ProblemHttpResult NotReady(ConversionJob job) => job.Status == JobStatus.Failed
        ? Problem(409, ProblemTypes.JobNotReady, "The job failed", $"Job {job.Id} failed ({job.ErrorCode}): there is nothing to download.")
        : Problem(409, ProblemTypes.JobNotReady, "The job is not finished", $"Job {job.Id} is {job.Status.ToString().ToLowerInvariant()}; poll its status and download when it is completed.");

    public static ProblemHttpResult Expired(ConversionJob job) =>
        Problem(410, ProblemTypes.JobExpired, "The output was deleted", $"Job {job.Id}'s files were deleted after the retention period.");

    public static ProblemHttpResult StillRunning(Guid jobId) =>
        Problem(409, ProblemTypes.JobRunning, "The job is still running", $"Job {jobId} can be deleted once it has finished.");

    /// <summary>A job refused at validation or failed in conversion, answered with the status its error deserves.</summary>
    public static ProblemDetails ForFailedJob(ConversionJob job)
    {
        var problem = ErrorProblems.For(job.ErrorCode, job.ErrorMessage);
        problem.Extensions["jobId"] = job.Id;
        return problem;
    }

    private static ProblemHttpResult Problem(int status, string type, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: type);
}
