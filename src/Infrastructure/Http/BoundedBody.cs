using System.Text;

namespace Konvrt.Portal.Infrastructure.Http;

/// <summary>
/// Reads a small request body into memory with a hard cap, whatever its framing: a chunked body carries no
/// Content-Length to check up front, so the cap is enforced while reading, and reading stops the moment
/// it is passed.
/// </summary>
public static class BoundedBody
{
    /// <summary>
    /// Every body the portal reads whole, by default; endpoints that stream more (uploads) raise their own
    /// limit with <c>RequestSizeLimit</c>.
    /// </summary>
    public const long DefaultMaxBytes = 1024 * 1024;

    /// <summary>The body as UTF-8 text, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<string?> ReadTextAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit for the endpoint came first: the same answer.
            return null;
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
