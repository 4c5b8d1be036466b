using Konvrt.Portal.TestSupport;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>A webhook receiver on loopback, over real HTTP: records every delivery and answers as the test tells it.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Delivery(string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> answers = new();

    public ConcurrentQueue<Delivery> Received { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public string Url(string path = "/hooks") => BaseUrl + path;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        WebhookReceiver? receiver = null;
        var (app, baseUrl) = await LoopbackApp.StartAsync(app => app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver!.Received.Enqueue(new Delivery(context.Request.Path.Value!,
                context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString()), body));
            if (receiver.answers.TryDequeue(out var answer))
            {
                await answer(context);
            }
            else
            {
                context.Response.StatusCode = 200;
                await context.Response.WriteAsync("ok");
            }
        }));
        receiver = new WebhookReceiver(app) { BaseUrl = baseUrl };
        return receiver;
    }

    /// <summary>The next deliveries get these answers, in order; after them, 200.</summary>
    public void AnswerWith(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            answers.Enqueue(context =>
            {
                context.Response.StatusCode = status;
                return context.Response.WriteAsync($"answered {status}");
            });
        }
    }

    public void AnswerWith(Func<HttpContext, Task> answer) => answers.Enqueue(answer);

    public Task<List<Delivery>> WaitForAsync(int count, Func<Delivery, bool>? which = null, int seconds = 30) =>
        Eventually.SeenAsync(() => Received.Where(which ?? (_ => true)).ToList() is { } matching && matching.Count >= count ? matching : null,
            $"{count} deliveries", TimeSpan.FromSeconds(seconds));

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
