using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Konvrt.Portal.EndToEndTests.Support;

/// <summary>A webhook receiver on loopback that answers 200 (after as many 503s as it is told to give) and remembers what it got.</summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    public sealed record Delivery(string WebhookId, string Body);

    private readonly HttpListener listener = new();
    private readonly Task loop;

    public ConcurrentQueue<Delivery> Received { get; } = new();

    /// <summary>How many deliveries still get "503 busy" before the receiver answers 200.</summary>
    public int FailuresToGive { get; set; }

    public string Url { get; }

    private LoopbackReceiver(int port)
    {
        Url = $"http://127.0.0.1:{port}/hooks/";
        listener.Prefixes.Add(Url);
        listener.Start();
        loop = Task.Run(ListenAsync);
    }

    public static LoopbackReceiver Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new LoopbackReceiver(port);
    }

    private async Task ListenAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                Received.Enqueue(new Delivery(context.Request.Headers["webhook-id"] ?? "", await reader.ReadToEndAsync()));
            }
            var busy = FailuresToGive > 0;
            FailuresToGive -= busy ? 1 : 0;
            context.Response.StatusCode = busy ? 503 : 200;
            context.Response.ContentType = "text/plain";
            context.Response.Headers["x-receiver"] = "end-to-end";
            await context.Response.OutputStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(busy ? "busy, try later" : "ok"));
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}
