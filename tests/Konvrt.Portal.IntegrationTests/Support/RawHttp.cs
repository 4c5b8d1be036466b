using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>
/// HTTP/1.1 over a plain socket, for what HttpClient will not send: a body cut short, a chunked body that
/// never ends, a Content-Length the body does not honour. Reads the answer the server gives before or after.
/// </summary>
public static class RawHttp
{
    public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string? ContentType => Headers.GetValueOrDefault("content-type");

        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }

    /// <param name="head">The request line and headers, without the blank line that ends them.</param>
    /// <param name="writeBody">Writes the body; an error writing (the server closed its side) is expected and ignored.</param>
    /// <param name="endBody">Closes the sending side when done: the body ends there, whatever it announced.</param>
    public static async Task<Answer> SendAsync(Uri server, string head, Func<Stream, Task> writeBody, bool endBody = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.TrimEnd() + "\r\nHost: " + server.Authority + "\r\n\r\n"));
        try
        {
            await writeBody(stream);
            await stream.FlushAsync();
            if (endBody)
            {
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (IOException)
        {
            // The server answered and stopped reading: its answer is what this is for.
        }
        return await ReadAnswerAsync(stream);
    }

    /// <summary>Chunks of <paramref name="chunkBytes"/> for as long as the server reads them, up to <paramref name="maxBytes"/>.</summary>
    public static async Task WriteChunksAsync(Stream stream, int chunkBytes, long maxBytes)
    {
        var chunk = new byte[chunkBytes];
        Array.Fill(chunk, (byte)'x');
        var header = Encoding.ASCII.GetBytes($"{chunkBytes:X}\r\n");
        for (long sent = 0; sent < maxBytes; sent += chunkBytes)
        {
            await stream.WriteAsync(header);
            await stream.WriteAsync(chunk);
            await stream.WriteAsync("\r\n"u8.ToArray());
        }
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
    }

    private static async Task<Answer> ReadAnswerAsync(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var statusLine = await reader.ReadLineAsync(timeout.Token) ?? throw new IOException("The server closed the connection without answering.");
        var status = int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? line;
        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync(timeout.Token)))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var body = new StringBuilder();
        if (headers.TryGetValue("content-length", out var length))
        {
            var buffer = new char[int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)];
            await reader.ReadBlockAsync(buffer, timeout.Token);
            body.Append(buffer);
        }
        else if (headers.GetValueOrDefault("transfer-encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            while (int.Parse((await reader.ReadLineAsync(timeout.Token))!, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) is > 0 and var size)
            {
                var buffer = new char[size];
                await reader.ReadBlockAsync(buffer, timeout.Token);
                body.Append(buffer);
                await reader.ReadLineAsync(timeout.Token);
            }
        }
        return new Answer(status, headers, body.ToString());
    }
}
