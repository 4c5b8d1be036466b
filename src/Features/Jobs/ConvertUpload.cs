namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// A convert request as received: its form fields, and its file spooled to the data folder (hashed on the
/// way). Disposing it deletes the spooled file.
/// </summary>
public sealed class ConvertUpload(IReadOnlyList<KeyValuePair<string, string?>> fields, ConvertUpload.SpooledFile? file) : IAsyncDisposable
{
    public sealed record SpooledFile(string FileName, FileStream Content, long Bytes, string Sha256);

    public IReadOnlyList<KeyValuePair<string, string?>> Fields { get; } = fields;

    public SpooledFile? File { get; } = file;

    public string Field(string name) =>
        Fields.LastOrDefault(field => string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase)).Value ?? "";

    public ValueTask DisposeAsync() => File?.Content.DisposeAsync() ?? ValueTask.CompletedTask;
}
