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
/// Reads <c>POST /convert</c>'s multipart body as a stream: the file goes straight to the upload spool in the
/// data folder (never to the system's temporary folder, never whole into memory) and stops the moment it
/// passes the byte limit; fields are small and bounded. A body that is not well-formed multipart is a 400
/// <c>malformed-request</c> saying what is wrong; another Content-Type is a 415 saying what to send.
/// </summary>
internal static class ConvertRequestReader
{
    public const string FileField = "file";
    private const int MaxFieldBytes = 16 * 1024;
    private const int MaxFields = 64;
    private const int MaxBoundaryLength = 70;

    public static async Task<(ConvertUpload? Upload, ProblemHttpResult? Refusal)> ReadAsync(
        HttpRequest request, UploadSpool spool, long maxFileBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, UnsupportedMediaType(request.ContentType));
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > MaxBoundaryLength)
        {
            return (null, Malformed("The Content-Type multipart/form-data needs a boundary of 1 to 70 characters."));
        }

        var fields = new List<KeyValuePair<string, string?>>();
        ConvertUpload.SpooledFile? file = null;
        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    return await RefuseAsync(file, Malformed("Every part needs a 'Content-Disposition: form-data; name=\"…\"' header."));
                }
                if (disposition.IsFileDisposition())
                {
                    if (!name.Equals(FileField, StringComparison.OrdinalIgnoreCase))
                    {
                        return await RefuseAsync(file, Malformed($"Send the image in a part named '{FileField}'; this request has a file part named '{name}'."));
                    }
                    if (file is not null)
                    {
                        return await RefuseAsync(file, Malformed($"Send one '{FileField}' part per request; this request has more than one."));
                    }
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    file = await SpoolAsync(section.Body, fileName, spool, maxFileBytes, cancellationToken);
                }
                else
                {
                    if (fields.Count == MaxFields)
                    {
                        return await RefuseAsync(file, Malformed($"A request has at most {MaxFields} fields."));
                    }
                    if (await ReadFieldAsync(section.Body, cancellationToken) is not { } value)
                    {
                        return await RefuseAsync(file, Malformed($"The field '{name}' is longer than {MaxFieldBytes / 1024} KB."));
                    }
                    fields.Add(KeyValuePair.Create(name, (string?)value));
                }
            }
        }
        catch (Exception exception) when (IsMalformedBody(exception, cancellationToken))
        {
            return await RefuseAsync(file, Malformed(exception is InvalidDataException
                ? $"The multipart body could not be read: {exception.Message}"
                : "The multipart body ended before its closing boundary: the upload was cut short."));
        }
        catch
        {
            await DisposeAsync(file);
            throw;
        }
        return (new ConvertUpload(fields, file), null);
    }

    private static async Task<ConvertUpload.SpooledFile> SpoolAsync(
        Stream body, string fileName, UploadSpool spool, long maxFileBytes, CancellationToken cancellationToken)
    {
        var content = spool.Create();
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var bytes = await LimitedCopy.CopyAsync(body, content, maxFileBytes, chunk => sha.AppendData(chunk.Span), cancellationToken);
            await content.FlushAsync(cancellationToken);
            content.Position = 0;
            return new ConvertUpload.SpooledFile(fileName, content, bytes, Convert.ToHexStringLower(sha.GetHashAndReset()));
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

    private static async Task<(ConvertUpload?, ProblemHttpResult?)> RefuseAsync(ConvertUpload.SpooledFile? file, ProblemHttpResult refusal)
    {
        await DisposeAsync(file);
        return (null, refusal);
    }

    private static ValueTask DisposeAsync(ConvertUpload.SpooledFile? file) => file?.Content.DisposeAsync() ?? ValueTask.CompletedTask;

    private static ProblemHttpResult Malformed(string detail) => ErrorCatalog.MalformedRequest.Result(detail);

    private static ProblemHttpResult UnsupportedMediaType(string? contentType) => ErrorCatalog.UnsupportedMediaType.Result(
        $"Send multipart/form-data: the image as a part named '{FileField}' and each option as a field" +
        (string.IsNullOrEmpty(contentType) ? " (this request has no Content-Type)." : $" (this request is '{contentType}')."));
}
