using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>The problems the job endpoints answer with, each with its stable type.</summary>
internal static class JobProblems
{
    public static ProblemHttpResult NotFound(Guid jobId) =>
        ErrorCatalog.NotFound.Result($"This workspace has no job {jobId}.");

    public static ProblemHttpResult NotReady(ConversionJob job) => ErrorCatalog.JobNotReady.Result(job.Status == JobStatus.Failed
        ? $"Job {job.Id} failed ({job.ErrorCode}): there is nothing to download."
        : $"Job {job.Id} is {job.Status.ToString().ToLowerInvariant()}; poll its status and download when it is completed.");

    public static ProblemHttpResult Expired(ConversionJob job) =>
        ErrorCatalog.JobExpired.Result($"Job {job.Id}'s files were deleted after the retention period.");

    public static ProblemHttpResult StillRunning(Guid jobId) =>
        ErrorCatalog.JobRunning.Result($"Job {jobId} can be deleted once it has finished.");

    public static ProblemHttpResult NoSuchOutput(ConversionJob job, string outputName) => ErrorCatalog.NotFound.Result(
        $"Job {job.Id} has no output '{outputName}'; its outputs are {string.Join(", ", job.Outputs.OrderBy(output => output.Index).Select(output => $"'{output.Name}'"))}.");

    public static ProblemHttpResult NoSuchBatch(Guid batchId) => ErrorCatalog.NotFound.Result($"This workspace has no batch {batchId}.");

    public static ProblemHttpResult BatchNotReady(Guid batchId, IReadOnlyList<ConversionJob> jobs) => ErrorCatalog.JobNotReady.Result(
        jobs.All(job => job.IsFinished)
            ? $"No job of batch {batchId} completed: there is nothing to download."
            : $"No job of batch {batchId} has completed yet; wait on its status and download when they have.");

    /// <summary><c>wait</c> is 0 to <see cref="JobsApi.MaxWaitSeconds"/> seconds.</summary>
    public static ProblemHttpResult? InvalidWait(int? wait) => wait is null or (>= 0 and <= JobsApi.MaxWaitSeconds)
        ? null
        : ErrorCatalog.BadRequest.Result($"wait is the seconds to wait for the end, 0 to {JobsApi.MaxWaitSeconds}; '{wait}' is not.");

    /// <summary>A job refused at validation or failed in conversion, answered with the status its error deserves.</summary>
    public static ProblemDetails ForFailedJob(ConversionJob job)
    {
        var problem = ErrorCatalog.ForCode(job.ErrorCode).Problem(job.ErrorMessage);
        problem.Extensions["jobId"] = job.Id;
        return problem;
    }
}
