using Konvrt.Portal.Features.Admin;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Webhooks;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Storage;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.Admin;

/// <summary>The console's first page over a database of its own: the queue, what is kept, and what fails where.</summary>
public sealed class AdminOverviewTests
{
    [Fact]
    public async Task The_overview_counts_the_queue_and_the_files_and_names_failing_webhooks_and_destinations()
    {
        // No worker: the queued jobs stay where they are while the test looks.
        await using var portal = new PortalFactory { Settings = new Dictionary<string, string> { ["Jobs:Workers"] = "0" } };
        var directory = portal.Services.GetRequiredService<WorkspaceDirectory>();
        var team = await directory.CreateTeamAsync((await portal.ApiUserAsync()).UserId, "Shoe shop", WorkspacePlan.Team, AuditActor.Administrator);
        var now = DateTimeOffset.UtcNow;
        var contexts = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Jobs.AddRange(
                TestJobs.Job(team.Id, "waiting-1.jpg", now.AddMinutes(-7), JobStatus.Queued),
                TestJobs.Job(team.Id, "waiting-2.jpg", now.AddMinutes(-2), JobStatus.Queued),
                TestJobs.Job(team.Id, "done.jpg", now.AddMinutes(-20), inputBytes: 3_000_000, outputBytes: 200_000));
            var unstored = TestJobs.Job(team.Id, "unstored.jpg", now.AddMinutes(-30), storedIn: "Shop bucket");
            unstored.Main.StoreStatus = StoreStatus.Failed;
            unstored.Main.StoreError = "The bucket answered 403 AccessDenied.";
            db.Jobs.Add(unstored);
            db.Set<WebhookEndpoint>().Add(new WebhookEndpoint
            {
                WorkspaceId = team.Id, Url = "https://shop.example/hooks", Events = WebhookEventTypes.JobCompleted, SecretProtected = "-",
                FailingSince = now.AddHours(-5), CreatedAt = now.AddDays(-1),
            });
            db.Set<WebhookEndpoint>().Add(new WebhookEndpoint
            {
                WorkspaceId = team.Id, Url = "https://healthy.example/hooks", Events = WebhookEventTypes.JobCompleted, SecretProtected = "-", CreatedAt = now,
            });
            await db.SaveChangesAsync();
        }

        var snapshot = await portal.Services.GetRequiredService<AdminOverview>().SnapshotAsync(CancellationToken.None);

        Assert.Equal(2, snapshot.Queue.Waiting);
        Assert.InRange(snapshot.Queue.OldestWait!.Value, TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(9));
        Assert.Empty(snapshot.Queue.Running);
        Assert.Equal(0, snapshot.WorkersHere);
        Assert.Equal(4, snapshot.Files.Jobs);
        Assert.Equal(2_000_000L + 2_000_000 + (3_000_000 + 200_000) + (2_000_000 + 150_000), snapshot.Files.RecordedBytes);
        // The store itself is listed: the seeded rows have no files, the one written here has.
        Assert.Equal(new StoreSize(0, 0, Complete: true), snapshot.Files.Measured);
        await portal.Services.GetRequiredService<IBlobStore>().WriteAsync("probe/eleven-bytes", (stream, ct) => stream.WriteAsync("hello world"u8.ToArray(), ct).AsTask(), CancellationToken.None);
        Assert.Equal(new StoreSize(11, 1, Complete: true), (await portal.Services.GetRequiredService<AdminOverview>().SnapshotAsync(CancellationToken.None)).Files.Measured);
        Assert.True(snapshot.DatabaseBytes > 0, "the database has a size");
        Assert.True(snapshot.FreeDiskBytes > 0, "the disk has free space");
        var webhook = Assert.Single(snapshot.FailingWebhooks);
        Assert.Equal(("Shoe shop", "https://shop.example/hooks"), (webhook.WorkspaceName, webhook.Url));
        var storage = Assert.Single(snapshot.FailingStorage);
        Assert.Equal(("Shoe shop", "Shop bucket", 0, 1, "The bucket answered 403 AccessDenied."),
            (storage.WorkspaceName, storage.Destination, storage.Retrying, storage.GaveUp, storage.LastError));
    }
}
