using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Konvrt.Client;
using Konvrt.Portal.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Konvrt.Portal.ClientTests.DotNet;

/// <summary>The client's retries against a server that says "not now" (over real HTTP; its clock is the test's).</summary>
public sealed class RetryTests : IAsyncDisposable
{
    private const string CompletedJob = """
        {"jobId":"6f1c1f7e-51b5-4a8e-9d0b-6f0f3c5f8a11","status":"completed","input":{"fileName":"a.jpg"},"outputs":[],
         "creditsCharged":1,"cached":false,"createdAt":"2026-12-02T10:00:00Z"}
        """;

    private readonly HttpListener server = new();
    private readonly ConcurrentQueue<(string? IdempotencyKey, long BodyBytes)> requests = new();
    private readonly Queue<(int Status, string? RetryAfter)> answers = new();
    private readonly string baseUrl = $"http://127.0.0.1:{PortalProcess.FreePort()}/";
    private readonly Task serving;

    public RetryTests()
    {
        server.Prefixes.Add(baseUrl);
        server.Start();
        serving = ServeAsync();
    }

    [Fact]
    public async Task A_429_is_tried_again_after_its_Retry_After_with_the_same_Idempotency_Key_and_the_whole_file()
    {
        answers.Enqueue((429, "7"));
        answers.Enqueue((200, null));
        var clock = new FakeTimeProvider();
        var client = new KonvrtClient(new HttpClient(), new KonvrtClientOptions { BaseAddress = new Uri(baseUrl), ApiKey = "kvt_live_test" }, clock);
        var photo = new MemoryStream(new byte[300_000]);

        var call = client.ConvertAsync(ConvertSource.FromStream(photo, "a.jpg"));
        await Eventually.TrueAsync(() => !requests.IsEmpty, "the first try");
        var waited = TimeSpan.Zero;
        await Eventually.TrueAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            waited += TimeSpan.FromSeconds(1);
            return requests.Count == 2;
        }, "the second try");
        var job = await call;

        Assert.True(job.IsCompleted);
        Assert.InRange(waited, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(9));
        var (first, second) = (requests.ToArray()[0], requests.ToArray()[1]);
        Assert.False(string.IsNullOrEmpty(first.IdempotencyKey));
        Assert.Equal(first.IdempotencyKey, second.IdempotencyKey);
        Assert.True(second.BodyBytes > 300_000, $"the second try sent {second.BodyBytes} bytes: the file again, from its start");
    }

    [Fact]
    public async Task A_stream_that_cannot_rewind_is_not_sent_twice_the_429_reaches_the_caller()
    {
        answers.Enqueue((429, "1"));
        var client = new KonvrtClient(new HttpClient(), new KonvrtClientOptions { BaseAddress = new Uri(baseUrl), ApiKey = "kvt_live_test" }, new FakeTimeProvider());

        var refusal = await Assert.ThrowsAsync<KonvrtApiException>(() => client.ConvertAsync(ConvertSource.FromStream(new ForwardOnly(new byte[1000]), "a.jpg")));

        Assert.Equal((HttpStatusCode.TooManyRequests, "rate-limited"), (refusal.Status, refusal.ProblemType));
        Assert.Single(requests);
    }

    private async Task ServeAsync()
    {
        while (server.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await server.GetContextAsync();
            }
            catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            requests.Enqueue((context.Request.Headers["Idempotency-Key"], body.Length));
            var (status, retryAfter) = answers.TryDequeue(out var next) ? next : (500, null);
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers["Retry-After"] = retryAfter;
            }
            var json = status == 200 ? CompletedJob : """{"type":"/problems/rate-limited","title":"Too many requests","status":429}""";
            context.Response.ContentType = status == 200 ? "application/json" : "application/problem+json";
            var bytes = Encoding.UTF8.GetBytes(json);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        server.Stop();
        server.Close();
        await serving;
    }

    /// <summary>A network stream, say: read once, never rewound.</summary>
    private sealed class ForwardOnly(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
