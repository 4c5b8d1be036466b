namespace Konvrt.Client;

/// <summary>A file being downloaded: read <see cref="Content"/> (from the network, as it arrives), then dispose.</summary>
public sealed class KonvrtDownload : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage response;

    private KonvrtDownload(HttpResponseMessage response, Stream content)
    {
        this.response = response;
        Content = content;
    }

    public Stream Content { get; }

    /// <summary>e.g. <c>image/webp</c>.</summary>
    public string? ContentType => response.Content.Headers.ContentType?.MediaType;

    public long? Length => response.Content.Headers.ContentLength;

    /// <summary>The name the server suggests (<c>Content-Disposition</c>).</summary>
    public string? FileName => response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');

    internal static async Task<KonvrtDownload> OpenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return new KonvrtDownload(response, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Writes the whole file to <paramref name="path"/> (through a temporary file, so a cut download leaves nothing half-written).</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        var partial = path + ".part";
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }
        File.Move(partial, path, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        response.Dispose();
    }

    public void Dispose()
    {
        Content.Dispose();
        response.Dispose();
    }
}
