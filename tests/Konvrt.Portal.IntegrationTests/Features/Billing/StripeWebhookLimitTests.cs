using System.Net.Http.Headers;
using Konvrt.Portal.IntegrationTests.Support;

namespace Konvrt.Portal.IntegrationTests.Features.Billing;

/// <summary>Anyone can post to the Stripe webhook before its signature is checked: what it reads must be bounded.</summary>
public sealed class StripeWebhookLimitTests
{
    private const long Megabyte = 1024 * 1024;

    [Fact]
    public async Task A_chunked_body_larger_than_any_event_is_refused_with_a_413_problem_over_a_real_socket()
    {
        await using var portal = new PortalFactory();
        var server = portal.StartOnLoopback();

        var answer = await RawHttp.SendAsync(server,
            "POST /stripe/webhook HTTP/1.1\r\nContent-Type: application/json\r\nStripe-Signature: t=1,v1=00\r\nTransfer-Encoding: chunked",
            body => RawHttp.WriteChunksAsync(body, chunkBytes: 64 * 1024, maxBytes: 25 * Megabyte));

        Assert.Equal(413, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal("/problems/payload-too-large", answer.Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_endless_body_is_read_no_further_than_the_limit()
    {
        await using var portal = new PortalFactory();
        // The test server's own client: the factory's default one buffers request bodies to replay them on redirects.
        using var client = portal.Server.CreateClient();
        var endless = new EndlessStream();
        var content = new StreamContent(endless);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");

        using var answer = await client.PostAsync("/stripe/webhook", content).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(413, (int)answer.StatusCode);
        // The limit and the transfer's buffers: never the body itself.
        Assert.InRange(endless.Served, Megabyte, 4 * Megabyte);
    }

    /// <summary>A body with no end and no length: it goes chunked, and a server that reads it whole never answers.</summary>
    private sealed class EndlessStream : Stream
    {
        private long served;

        public long Served => Interlocked.Read(ref served);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            Interlocked.Add(ref served, count);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
