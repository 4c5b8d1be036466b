using System.IO.Compression;
using Konvrt.Portal.Features.Conversion;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>How outputs are handed out, by the API and the portal alike: one file with range support, or many as a zip.</summary>
public static class JobDownloads
{
    /// <summary>
    /// The original name with the output's extension, as a user expects to find it in their downloads; outputs after
    /// the first carry their name too (<c>shoe-thumb.webp</c>).
    /// </summary>
    public static string DownloadName(ConversionJob job, JobOutput output)
    {
        var stem = Path.GetFileNameWithoutExtension(job.SourceFileName);
        var extension = output.MadeFormat?.Extension() ?? output.Options.Format.Extension();
        return (output.Index == 0 ? stem : $"{stem}-{output.Name}") + extension;
    }

    /// <summary>One output's file. Outputs never change once made: the job, the output and its size name the content.</summary>
    public static FileStreamHttpResult File(ConversionJob job, JobOutput output, Stream content) => TypedResults.Stream(
        content, $"image/{output.Format}", DownloadName(job, output), job.StoredAt,
        new EntityTagHeaderValue($"\"{job.Id:N}-{output.Index}-{output.Bytes}\""), enableRangeProcessing: true);

    /// <summary>Every made output of the completed jobs among <paramref name="jobs"/> as one zip written to the response; the others are left out.</summary>
    public static async Task WriteZipAsync(HttpResponse response, IEnumerable<ConversionJob> jobs, JobStore store, string fileName, CancellationToken cancellationToken)
    {
        // ZipArchive still writes some headers synchronously, which Kestrel refuses: the zip is built in a
        // buffer that spills to a temporary file past 1 MB, then sent.
        await using var buffer = new FileBufferingWriteStream(memoryThreshold: 1024 * 1024);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var zip = await ZipArchive.CreateAsync(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            foreach (var job in jobs.Where(job => job.Status == JobStatus.Completed))
            {
                foreach (var output in job.Outputs.OrderBy(output => output.Index))
                {
                    await using var content = await store.OpenOutputAsync(job, output, cancellationToken);
                    if (content is null)
                    {
                        continue;
                    }
                    // Images are compressed already: storing them saves the CPU and loses nothing.
                    var entry = zip.CreateEntry(UniqueName(DownloadName(job, output), names), CompressionLevel.NoCompression);
                    entry.LastWriteTime = job.StoredAt ?? job.CreatedAt;
                    await using var target = await entry.OpenAsync(cancellationToken);
                    await content.Content.CopyToAsync(target, cancellationToken);
                }
            }
        }
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName }.ToString();
        await buffer.DrainBufferAsync(response.Body, cancellationToken);
    }

    private static string UniqueName(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var number = 2; !taken.Add(candidate); number++)
        {
            candidate = $"{Path.GetFileNameWithoutExtension(name)} ({number}){Path.GetExtension(name)}";
        }
        return candidate;
    }
}
