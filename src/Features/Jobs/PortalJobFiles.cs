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

    public static string DownloadUrl(Guid jobId) => $"portal/jobs/{jobId}/download";

    public static string PreviewUrl(Guid jobId, bool output) => $"portal/jobs/{jobId}/preview/{(output ? "output" : "input")}";

    public static string ZipUrl(IEnumerable<Guid> jobIds) => "portal/jobs/download-all?" + string.Join('&', jobIds.Select(id => $"id={id}"));

    public static IEndpointRouteBuilder MapPortalJobFiles(this IEndpointRouteBuilder endpoints)
    {
        // Links a person follows in the browser: when signed out, the log-in page, not a bare 401.
        var files = endpoints.MapGroup("/portal/jobs").RequireAuthorization().AllowCookieRedirect().ExcludeFromDescription();
        files.MapGet("/{jobId:guid}/download", Download);
        files.MapGet("/{jobId:guid}/preview/output", OutputPreview);
        files.MapGet("/{jobId:guid}/preview/input", InputPreview);
        files.MapGet("/download-all", DownloadAll);
        return endpoints;
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> Download(
        Guid jobId, ClaimsPrincipal user, WorkspaceDirectory workspaces, JobStore jobs, CancellationToken cancellationToken)
    {
        var (job, output) = await OpenOutputAsync(jobId, user, workspaces, jobs, cancellationToken);
        if (job is null || output is null)
        {
            return TypedResults.NotFound();
        }
        var etag = new EntityTagHeaderValue($"\"{job.Id:N}-{job.OutputBytes}\"");
        return TypedResults.Stream(output.Content, $"image/{job.OutputFormat}", DownloadName(job), job.StoredAt, etag, enableRangeProcessing: true);
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> OutputPreview(
        Guid jobId, ClaimsPrincipal user, WorkspaceDirectory workspaces, JobStore jobs, HttpResponse response, CancellationToken cancellationToken)
    {
        var (job, output) = await OpenOutputAsync(jobId, user, workspaces, jobs, cancellationToken);
        if (job is null || output is null)
        {
            return TypedResults.NotFound();
        }
        response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.Stream(output.Content, $"image/{job.OutputFormat}");
    }

    /// <summary>
    /// The upload drawn small as WebP by the engine itself, so that a HEIC, which browsers cannot show, has
    /// a preview too. Drawn on request and cached by the browser: it is only asked for while a page shows it.
    /// </summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> InputPreview(
        Guid jobId, ClaimsPrincipal user, WorkspaceDirectory workspaces, JobStore jobs, IBlobStore blobs,
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
            await converter.ConvertAsync(input.Content, PreviewOptions, preview, cancellationToken);
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

        // ZipArchive still writes some headers synchronously, which Kestrel refuses: the zip is built in a
        // buffer that spills to a temporary file past 1 MB, then sent.
        await using var buffer = new FileBufferingWriteStream(memoryThreshold: 1024 * 1024);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var zip = await ZipArchive.CreateAsync(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            foreach (var job in completed)
            {
                await using var output = await jobs.OpenOutputAsync(caller.WorkspaceId, job.Id, cancellationToken);
                if (output is null)
                {
                    continue;
                }
                // Images are compressed already: storing them saves the CPU and loses nothing.
                var entry = zip.CreateEntry(UniqueName(DownloadName(job), names), CompressionLevel.NoCompression);
                entry.LastWriteTime = job.StoredAt ?? job.CreatedAt;
                await using var target = await entry.OpenAsync(cancellationToken);
                await output.Content.CopyToAsync(target, cancellationToken);
            }
        }
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = "konvrt-images.zip" }.ToString();
        await buffer.DrainBufferAsync(response.Body, cancellationToken);
        return TypedResults.Empty;
    }

    /// <summary>The original name with the output's extension, as a user expects to find it in their downloads.</summary>
    public static string DownloadName(ConversionJob job) =>
        Path.ChangeExtension(job.SourceFileName, Path.GetExtension(job.OutputBlob ?? "") is { Length: > 0 } extension ? extension : "." + job.OutputFormat);

    private static string UniqueName(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var number = 2; !taken.Add(candidate); number++)
        {
            candidate = $"{Path.GetFileNameWithoutExtension(name)} ({number}){Path.GetExtension(name)}";
        }
        return candidate;
    }

    private static async Task<(ConversionJob? Job, BlobContent? Output)> OpenOutputAsync(
        Guid jobId, ClaimsPrincipal user, WorkspaceDirectory workspaces, JobStore jobs, CancellationToken cancellationToken)
    {
        var job = await FindAsync(jobId, user, workspaces, jobs, cancellationToken);
        return job is { Status: JobStatus.Completed }
            ? (job, await jobs.OpenOutputAsync(job.WorkspaceId, job.Id, cancellationToken))
            : (null, null);
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
