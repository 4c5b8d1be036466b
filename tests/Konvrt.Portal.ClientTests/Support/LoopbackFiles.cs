using System.Net;
using System.Net.Sockets;

namespace Konvrt.Portal.ClientTests.Support;

/// <summary>A web server on loopback serving the test images, where URL sources are fetched from.</summary>
public sealed class LoopbackFiles : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;

    public LoopbackFiles()
    {
        BaseUrl = $"http://127.0.0.1:{Konvrt.Portal.TestSupport.PortalProcess.FreePort()}/";
        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        serving = ServeAsync();
    }

    public string BaseUrl { get; }

    public Uri Image(string name) => new(BaseUrl + "images/" + name);

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var path = ClientPortal.TestImage(Path.GetFileName(context.Request.Url!.AbsolutePath));
            if (File.Exists(path))
            {
                context.Response.ContentType = "application/octet-stream";
                await using var file = File.OpenRead(path);
                context.Response.ContentLength64 = file.Length;
                await file.CopyToAsync(context.Response.OutputStream);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving;
    }
}
