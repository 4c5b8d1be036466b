using Konvrt.Portal.Features.Webhooks;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.Webhooks;

public sealed class WebhookRestartTests : IAsyncLifetime
{
    private readonly SharedDataFolder shared = new();
    private WebhookReceiver receiver = default!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        shared.Dispose();
    }

    // A hundredth of the real schedule: the third attempt comes about 3 s (5 min / 100) after the second.
    private PortalFactory Host()
    {
        var host = shared.Host(workers: 0);
        return new PortalFactory
        {
            Settings = new Dictionary<string, string>(host.Settings)
            {
                ["Webhooks:AllowPrivateNetworks"] = "true",
                ["Webhooks:ScheduleScale"] = "0.01",
                ["Webhooks:PollSeconds"] = "0.1",
            },
        };
    }

    private static async Task<WebhookMessage> MessageAsync(PortalFactory host, Guid id)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Set<WebhookMessage>().AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_the_retries_keeps_the_schedule_and_the_webhook_id()
    {
        receiver.AnswerWith(500, 500);
        Guid messageId;
        DateTimeOffset due;
        await using (var first = Host())
        {
            var workspace = await first.CreateWorkspaceAsync();
            var endpoint = await first.Services.GetRequiredService<WebhookEndpoints>()
                .CreateAsync(workspace, AuditActor.Administrator, receiver.Url("/restart"), null, ["job.completed"], enabled: true, CancellationToken.None);
            messageId = (await first.Services.GetRequiredService<WebhookOutbox>().EnqueueTestAsync(workspace, endpoint.Endpoint.Id, CancellationToken.None))!.Id;

            await receiver.WaitForAsync(2, d => d.Path == "/restart");
            // The receiver has answered; the host records the attempt and the next due time right after.
            var waiting = await Eventually.ValueAsync(async () => await MessageAsync(first, messageId) is { Attempts: 2, LeaseOwner: null } recorded ? recorded : null,
                "the second attempt to be recorded");
            Assert.Equal((WebhookMessageStatus.Pending, 2), (waiting.Status, waiting.Attempts));
            due = waiting.NextAttemptAt;
            Assert.InRange(due - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));
        }

        await using var second = Host();
        _ = second.Services;
        var deliveries = await receiver.WaitForAsync(3, d => d.Path == "/restart");

        Assert.Single(deliveries.Select(d => d.Headers["webhook-id"]).Distinct());
        Assert.Equal($"msg_{messageId:N}", deliveries[0].Headers["webhook-id"]);
        // The receiver has answered; the host records the delivery right after (as with the second attempt above).
        var delivered = await Eventually.ValueAsync(async () => await MessageAsync(second, messageId) is { LeaseOwner: null, Attempts: > 2 } recorded ? recorded : null,
            "the third attempt to be recorded");
        Assert.Equal((WebhookMessageStatus.Delivered, 3), (delivered.Status, delivered.Attempts));
        // Not resent early by the new host, nor forgotten: it went when it was due.
        Assert.True(delivered.DeliveredAt >= due, $"delivered at {delivered.DeliveredAt:O}, due {due:O}");
    }
}
