using System.Security.Cryptography;
using System.Text;
using Konvrt.Portal.Features.Conversion.Input;
using Konvrt.Portal.Infrastructure.Errors;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// Reads <c>POST /convert</c>'s multipart body as a stream: each file goes straight to the upload spool in the
/// data folder (never to the system's temporary folder, never whole into memory) and stops the moment it
/// passes the byte limit; fields are small and bounded; <c>url</c> fields are URL sources. A body that is not
/// well-formed multipart is a 400 <c>malformed-request</c> saying what is wrong.
/// </summary>
internal static class ConvertRequestReader
{
    public const string FileField = "file";
    public const string UrlField = "url";
    private const int MaxFieldBytes = 16 * 1024;
    private const int MaxFields = 64;
    private const int MaxBoundaryLength = 70;

    public static async Task<(ConvertForm? Form, ProblemHttpResult? Refusal)> ReadAsync(
        HttpRequest request, MediaTypeHeaderValue mediaType, UploadSpool spool, long maxFileBytes, int maxFiles, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > MaxBoundaryLength)
        {
            return (null, Malformed("The Content-Type multipart/form-data needs a boundary of 1 to 70 characters."));
        }

        var fields = new List<KeyValuePair<string, string?>>();
        var urls = new List<ConvertForm.UrlEntry>();
        var files = new List<ConvertForm.SpooledFile>();
        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    return await RefuseAsync(files, Malformed("Every part needs a 'Content-Disposition: form-data; name=\"…\"' header."));
                }
                if (disposition.IsFileDisposition())
                {
                    if (!name.Equals(FileField, StringComparison.OrdinalIgnoreCase))
                    {
                        return await RefuseAsync(files, Malformed($"Send each image in a part named '{FileField}'; this request has a file part named '{name}'."));
                    }
                    if (files.Count + urls.Count == maxFiles)
                    {
                        return await RefuseAsync(files, Malformed($"A request carries at most {maxFiles} sources; send the rest in another request."));
                    }
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    files.Add(await SpoolAsync(section.Body, fileName, spool, maxFileBytes, cancellationToken));
                }
                else
                {
                    var isUrl = name.Equals(UrlField, StringComparison.OrdinalIgnoreCase);
                    if (isUrl ? files.Count + urls.Count == maxFiles : fields.Count == MaxFields)
                    {
                        return await RefuseAsync(files, Malformed(isUrl
                            ? $"A request carries at most {maxFiles} sources; send the rest in another request."
                            : $"A request has at most {MaxFields} fields besides its sources."));
                    }
                    if (await ReadFieldAsync(section.Body, cancellationToken) is not { } value)
                    {
                        return await RefuseAsync(files, Malformed($"The field '{name}' is longer than {MaxFieldBytes / 1024} KB."));
                    }
                    if (isUrl)
                    {
                        urls.Add(new ConvertForm.UrlEntry($"{UrlField}[{urls.Count}]", value.Trim(), Variables: null));
                    }
                    else
                    {
                        fields.Add(KeyValuePair.Create(name, (string?)value));
                    }
                }
            }
        }
        catch (Exception exception) when (IsMalformedBody(exception, cancellationToken))
        {
            return await RefuseAsync(files, Malformed(exception is InvalidDataException
                ? $"The multipart body could not be read: {exception.Message}"
                : "The multipart body ended before its closing boundary: the upload was cut short."));
        }
        catch
        {
            await DisposeAsync(files);
            throw;
        }
        return (new ConvertForm(fields, files, urls), null);
    }

    private static async Task<ConvertForm.SpooledFile> SpoolAsync(
        Stream body, string fileName, UploadSpool spool, long maxFileBytes, CancellationToken cancellationToken)
    {
        var content = spool.Create();
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var bytes = await LimitedCopy.CopyAsync(body, content, maxFileBytes, chunk => sha.AppendData(chunk.Span), cancellationToken);
            await content.FlushAsync(cancellationToken);
            content.Position = 0;
            return new ConvertForm.SpooledFile(fileName, content, bytes, Convert.ToHexStringLower(sha.GetHashAndReset()));
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }
    }

    /// <summary>A field's text, or null when it is longer than a field may be.</summary>
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length > MaxFieldBytes)
            {
                return null;
            }
        }
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>
    /// The body itself is wrong: cut short, or framed in a way multipart does not allow. A full disk and a
    /// client that went away are something else, and so is a body over the size limit (413).
    /// </summary>
    private static bool IsMalformedBody(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        _ when cancellationToken.IsCancellationRequested => false,
        BadHttpRequestException bad => bad.StatusCode == StatusCodes.Status400BadRequest,
        InvalidDataException => true,
        IOException io => !FailureProblems.IsDiskFull(io),
        _ => false,
    };

    private static async Task<(ConvertForm?, ProblemHttpResult?)> RefuseAsync(List<ConvertForm.SpooledFile> files, ProblemHttpResult refusal)
    {
        await DisposeAsync(files);
        return (null, refusal);
    }

    private static async Task DisposeAsync(List<ConvertForm.SpooledFile> files)
    {
        foreach (var file in files)
        {
            await file.Content.DisposeAsync();
        }
    }

    private static ProblemHttpResult Malformed(string detail) => ErrorCatalog.MalformedRequest.Result(detail);
}
