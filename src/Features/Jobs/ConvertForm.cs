namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// A convert request as received, multipart or JSON alike: its files spooled to the data folder (hashed on the
/// way), its URL sources, and every other field as text. Disposing it deletes the spooled files.
/// </summary>
public sealed class ConvertForm(
    IReadOnlyList<KeyValuePair<string, string?>> fields, IReadOnlyList<ConvertForm.SpooledFile> files, IReadOnlyList<ConvertForm.UrlEntry> urls)
    : IAsyncDisposable
{
    public sealed record SpooledFile(string FileName, FileStream Content, long Bytes, string Sha256);

    /// <param name="Field">Where it was given (<c>url</c>, <c>urls[3]</c>), for errors.</param>
    /// <param name="Variables">Values for this source's output paths, over the request's own.</param>
    public sealed record UrlEntry(string Field, string Url, IReadOnlyDictionary<string, string>? Variables);

    public IReadOnlyList<KeyValuePair<string, string?>> Fields { get; } = fields;

    public IReadOnlyList<SpooledFile> Files { get; } = files;

    public IReadOnlyList<UrlEntry> Urls { get; } = urls;

    /// <summary>The field's last value, or "" when it was not given.</summary>
    public string Field(string name) =>
        Fields.LastOrDefault(field => string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase)).Value ?? "";

    public async ValueTask DisposeAsync()
    {
        foreach (var file in Files)
        {
            await file.Content.DisposeAsync();
        }
    }
}
