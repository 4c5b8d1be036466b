using System.Net.Http.Headers;

namespace Konvrt.Client;

/// <summary>
/// What to convert: a stream, a file or a URL the server fetches. Files and seekable streams are sent again when a call
/// is retried; a stream that cannot rewind is sent once (its call is not retried after its bytes went out).
/// </summary>
public abstract class ConvertSource
{
    private protected ConvertSource()
    {
    }

    /// <summary>The bytes of <paramref name="content"/>, streamed as they are read (never held whole); the caller disposes it.</summary>
    public static ConvertSource FromStream(Stream content, string fileName) => new StreamSource(content, fileName);

    /// <summary>A file on disk, opened for each try.</summary>
    public static ConvertSource FromFile(string path) => new FileSource(path);

    /// <summary>An image the server fetches itself (from a public address).</summary>
    public static ConvertSource FromUrl(Uri url) => new UrlSource(url);

    /// <summary>Whether the source can be sent once more.</summary>
    internal abstract bool CanResend { get; }

    /// <summary>Adds this source to the request's form.</summary>
    internal abstract void AddTo(MultipartFormDataContent form);

    private sealed class StreamSource(Stream content, string fileName) : ConvertSource
    {
        private readonly long? start = content.CanSeek ? content.Position : null;

        internal override bool CanResend => start is not null;

        internal override void AddTo(MultipartFormDataContent form)
        {
            if (start is { } position)
            {
                content.Position = position;
            }
            form.Add(File(new NonDisposingStream(content)), "file", fileName);
        }
    }

    private sealed class FileSource(string path) : ConvertSource
    {
        internal override bool CanResend => true;

        internal override void AddTo(MultipartFormDataContent form) =>
            form.Add(File(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan)),
                "file", System.IO.Path.GetFileName(path));
    }

    private sealed class UrlSource(Uri url) : ConvertSource
    {
        internal override bool CanResend => true;

        internal override void AddTo(MultipartFormDataContent form) => form.Add(new StringContent(url.AbsoluteUri), "url");
    }

    private static StreamContent File(Stream stream)
    {
        var content = new StreamContent(stream, 81920);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    /// <summary>The caller's stream outlives the request that sends it.</summary>
    private sealed class NonDisposingStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
