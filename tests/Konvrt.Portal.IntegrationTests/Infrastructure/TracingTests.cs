using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Konvrt.Portal.IntegrationTests.Features.Webhooks;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;
using static Konvrt.Portal.IntegrationTests.Support.ApiKit;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

/// <summary>One trace from the client's request through the queued job's stages to the webhook its receiver gets.</summary>
public sealed class TracingTests(PortalFactory<WithWebhookReceiver> portal) : IClassFixture<PortalFactory<WithWebhookReceiver>>
{
    private const string RequestSpan = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    private WebhookReceiver Receiver => portal.Setup.Receiver;

    [Fact]
    public async Task A_queued_conversion_continues_the_request_s_trace_through_its_stages_to_the_webhook_delivery()
    {
        var user = await portal.ApiUserAsync();
        var (spans, traceParent) = SpanCollector.Start();
        using var _ = spans;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/convert")
        {
            Content = Form(SmallJpeg(64), "traced.jpg", ("format", "webp"), ("async", "true"), ("webhookUrl", Receiver.Url("/traced"))),
        };
        request.Headers.Add("traceparent", traceParent);
        using var accepted = await user.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = (await accepted.JsonAsync()).GetProperty("jobId").GetString();

        var delivery = Assert.Single(await Receiver.WaitForAsync(1, d => d.Path == "/traced"));
        var deliver = await Eventually.SeenAsync(() => spans.Spans.FirstOrDefault(span => span.OperationName == "konvrt.webhook.deliver"),
            "the delivery's span", TimeSpan.FromSeconds(30));

        // The receiver is told the trace, as the delivery's child: it can join its own spans to it.
        Assert.Equal(deliver.Id, delivery.Headers["traceparent"]);
        // Delivery ← notify ← the job, run by a worker ← the request that asked for it.
        Assert.Equal(["konvrt.notify", "konvrt.job", RequestSpan], spans.AncestorsOf(deliver));
        var job = spans.Spans.Single(span => span.OperationName == "konvrt.job");
        Assert.Equal(jobId, job.GetTagItem("konvrt.job.id")?.ToString());
        Assert.Equal(ActivityStatusCode.Unset, job.Status);
        foreach (var stage in new[] { "konvrt.decode", "konvrt.convert", "konvrt.encode", "konvrt.notify" })
        {
            var span = Assert.Single(spans.Spans, span => span.OperationName == stage);
            Assert.Equal(job.SpanId, span.ParentSpanId);
            Assert.True(span.StartTimeUtc >= job.StartTimeUtc && span.StartTimeUtc + span.Duration <= job.StartTimeUtc + job.Duration,
                $"{stage} is not within the job's span");
        }
        // The HTTP call itself is a span of the delivery's.
        Assert.Contains(spans.Spans, span => span.OperationName == "System.Net.Http.HttpRequestOut" && span.ParentSpanId == deliver.SpanId);
    }

    [Fact]
    public async Task A_job_that_fails_in_the_worker_ends_its_span_as_an_error_named_by_the_error_s_code()
    {
        var user = await portal.ApiUserAsync();
        var (spans, traceParent) = SpanCollector.Start();
        using var _ = spans;
        Receiver.AnswerWith(StatusCodes.Status404NotFound);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/convert")
        {
            Content = Json($$"""{ "url": "{{Receiver.Url("/gone.jpg")}}", "format": "webp", "async": true }"""),
        };
        request.Headers.Add("traceparent", traceParent);
        using var accepted = await user.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var job = await Eventually.SeenAsync(() => spans.Spans.FirstOrDefault(span => span.OperationName == "konvrt.job"),
            "the job's span", TimeSpan.FromSeconds(30));
        Assert.Equal(ActivityStatusCode.Error, job.Status);
        Assert.Equal("source-unreachable", job.StatusDescription);
        var fetch = Assert.Single(spans.Spans, span => span.OperationName == "konvrt.fetch");
        Assert.Equal(job.SpanId, fetch.ParentSpanId);
    }

    [Fact]
    public async Task A_problem_answer_quotes_the_request_s_trace_id()
    {
        var user = await portal.ApiUserAsync();
        var (spans, traceParent) = SpanCollector.Start();
        using var _ = spans;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/status/{Guid.NewGuid()}");
        request.Headers.Add("traceparent", traceParent);

        using var answer = await user.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal(spans.TraceId.ToHexString(), (await answer.JsonAsync()).GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task With_Otlp_Endpoint_set_the_spans_are_exported_to_the_collector_over_OTLP_HTTP()
    {
        var exported = new ConcurrentQueue<(string Path, string? ContentType, byte[] Body)>();
        var (collector, collectorUrl) = await LoopbackApp.StartAsync(app => app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            exported.Enqueue((context.Request.Path.Value!, context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = StatusCodes.Status200OK;
        }));
        await using var _ = collector;
        var (spans, traceParent) = SpanCollector.Start();
        using var __ = spans;

        await using (var exporting = new PortalFactory { Settings = new Dictionary<string, string> { ["Otlp:Endpoint"] = collectorUrl } })
        {
            using var client = exporting.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("traceparent", traceParent);
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
        } // Stopping the portal flushes what the exporter still holds.

        var traceId = Convert.FromHexString(spans.TraceId.ToHexString());
        Assert.Contains(exported, export => export.Path == "/v1/traces" && export.ContentType == "application/x-protobuf"
            && export.Body.AsSpan().IndexOf(traceId) >= 0);
    }
}
