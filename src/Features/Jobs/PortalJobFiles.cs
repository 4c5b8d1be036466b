using System.IO.Compression;
using System.Security.Claims;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// The portal's own downloads and previews, for the signed-in user (cookie), never for API keys. Every
/// look-up is scoped to the user's workspace: another workspace's job is a 404.
/// </summary>
public static class PortalJobFiles
{
    public const int MaxFilesPerZip = 200;
    private static readonly ConversionOptions PreviewOptions = new()
    {
        Format = OutputFormat.Webp, Quality = 70, MaxWidth = 640, MaxHeight = 640,
    };

    /// <summary>The small default; a larger original, drawn to compare at 100 %, with the quality that comparison needs.</summary>
    private static ConversionOptions PreviewOptionsFor(int? size) => size is not { } edge || edge <= PreviewOptions.MaxWidth
        ? PreviewOptions
        : PreviewOptions with { Quality = 92, MaxWidth = Math.Min(edge, MaxPreviewEdge), MaxHeight = Math.Min(edge, MaxPreviewEdge) };

    public static string DownloadUrl(Guid jobId, string? outputName = null) => $"portal/jobs/{jobId}/download" + (outputName is null ? "" : "/" + outputName);

    /// <summary>The largest original preview drawn: enough to set a 4K result beside its original at 100 %.</summary>
    public const int MaxPreviewEdge = 4096;

    /// <param name="size">For the original: the longest edge to draw it at (default 640), to compare at a result's actual size.</param>
    public static string PreviewUrl(Guid jobId, bool output, string? outputName = null, int? size = null) =>
        $"portal/jobs/{jobId}/preview/{(output ? "output" : "input")}" + (output && outputName is not null ? "/" + outputName : "")
        + (!output && size is { } edge ? $"?size={edge}" : "");

    public static string ZipUrl(IEnumerable<Guid> jobIds) => "portal/jobs/download-all?" + string.Join('&', jobIds.Select(id => $"id={id}"));

    public static IEndpointRouteBuilder MapPortalJobFiles(this IEndpointRouteBuilder endpoints)
    {
        // Links a person follows in the browser: when signed out, the log-in page, not a bare 401.
        var files = endpoints.MapGroup("/portal/jobs").RequireAuthorization().AllowCookieRedirect().ExcludeFromDescription();
        files.MapGet("/{jobId:guid}/download/{outputName?}", Download);
        files.MapGet("/{jobId:guid}/preview/output/{outputName?}", OutputPreview);
        files.MapGet("/{jobId:guid}/preview/input", InputPreview);
        files.MapGet("/download-all", DownloadAll);
        return endpoints;
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> Download(
        Guid jobId, string? outputName, ClaimsPrincipal user, WorkspaceDirectory workspaces, JobStore jobs, CancellationToken cancellationToken)
    {
        var (job, output, content) = await OpenOutputAsync(jobId, outputName, user, workspaces, jobs, cancellationToken);
        return job is null || output is null || content is null ? TypedResults.NotFound() : JobDownloads.File(job, output, content.Content);
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> OutputPreview(
        Guid jobId, string? outputName, ClaimsPrincipal user, WorkspaceDirectory workspaces, JobStore jobs, HttpResponse response, CancellationToken cancellationToken)
    {
        var (job, output, content) = await OpenOutputAsync(jobId, outputName, user, workspaces, jobs, cancellationToken);
        if (job is null || output is null || content is null)
        {
            return TypedResults.NotFound();
        }
        response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.Stream(content.Content, $"image/{output.Format}");
    }

    /// <summary>
    /// The upload drawn small as WebP by the engine itself, so that a HEIC, which browsers cannot show, has
    /// a preview too. Drawn on request and cached by the browser: it is only asked for while a page shows it.
    /// </summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> InputPreview(
        Guid jobId, int? size, ClaimsPrincipal user, WorkspaceDirectory workspaces, JobStore jobs, IBlobStore blobs,
        ImageConverter converter, HttpResponse response, CancellationToken cancellationToken)
    {
        var job = await FindAsync(jobId, user, workspaces, jobs, cancellationToken);
        if (job is null || job.InputFormat is null)
        {
            return TypedResults.NotFound();
        }
        await using var input = await blobs.OpenReadAsync(job.InputBlob, cancellationToken);
        if (input is null)
        {
            return TypedResults.NotFound();
        }
        using var preview = new MemoryStream();
        try
        {
            await converter.ConvertAsync(input.Content, PreviewOptionsFor(size), preview, cancellationToken);
        }
        catch (ConversionException)
        {
            return TypedResults.NotFound();
        }
        response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.File(preview.ToArray(), OutputFormat.Webp.MediaType());
    }

    /// <summary>The completed jobs among <paramref name="id"/> as one zip; the others are left out.</summary>
    private static async Task<Results<EmptyHttpResult, NotFound, BadRequest<string>>> DownloadAll(
        Guid[] id, ClaimsPrincipal user, WorkspaceDirectory workspaces, JobStore jobs, HttpResponse response, CancellationToken cancellationToken)
    {
        if (id.Length > MaxFilesPerZip)
        {
            return TypedResults.BadRequest($"At most {MaxFilesPerZip} files go into one zip.");
        }
        var caller = await CallerAsync(user, workspaces, cancellationToken);
        if (caller is null)
        {
            return TypedResults.NotFound();
        }
        var completed = new List<ConversionJob>();
        foreach (var jobId in id.Distinct())
        {
            if (await jobs.FindAsync(caller.WorkspaceId, jobId, cancellationToken) is { Status: JobStatus.Completed } job)
            {
                completed.Add(job);
            }
        }
        if (completed.Count == 0)
        {
            return TypedResults.NotFound();
        }

        await JobDownloads.WriteZipAsync(response, completed, jobs, "konvrt-images.zip", cancellationToken);
        return TypedResults.Empty;
    }

    /// <summary>The named output of the user's job (the first when no name is given) and its file, when the job is completed.</summary>
    private static async Task<(ConversionJob? Job, JobOutput? Output, BlobContent? Content)> OpenOutputAsync(
        Guid jobId, string? outputName, ClaimsPrincipal user, WorkspaceDirectory workspaces, JobStore jobs, CancellationToken cancellationToken)
    {
        var job = await FindAsync(jobId, user, workspaces, jobs, cancellationToken);
        var output = job?.OutputNamed(outputName);
        return job is { Status: JobStatus.Completed } && output is not null
            ? (job, output, await jobs.OpenOutputAsync(job, output, cancellationToken))
            : (null, null, null);
    }

    private static async Task<ConversionJob?> FindAsync(
        Guid jobId, ClaimsPrincipal user, WorkspaceDirectory workspaces, JobStore jobs, CancellationToken cancellationToken) =>
        await CallerAsync(user, workspaces, cancellationToken) is { } caller
            ? await jobs.FindAsync(caller.WorkspaceId, jobId, cancellationToken)
            : null;

    private static async Task<Caller?> CallerAsync(ClaimsPrincipal user, WorkspaceDirectory workspaces, CancellationToken cancellationToken) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? await workspaces.FindCallerAsync(userId, cancellationToken)
            : null;
}
