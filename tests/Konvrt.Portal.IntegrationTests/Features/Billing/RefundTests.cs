using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure.Storage;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;

namespace Konvrt.Portal.IntegrationTests.Features.Billing;

public sealed class RefundTests(PortalFactory<WithoutWorkers> fixture) : IClassFixture<PortalFactory<WithoutWorkers>>
{
    [Fact]
    public async Task A_job_that_fails_after_it_was_accepted_gets_its_credits_back_through_the_ledger()
    {
        var portal = fixture;
        var workspace = await portal.CreateWorkspaceAsync();
        var ledger = portal.Services.GetRequiredService<CreditLedger>();
        var accepted = await portal.SubmitAsync(workspace, SmallJpeg(33), Options(("format", "webp")));
        Assert.Equal((JobStatus.Queued, 1), (accepted.Status, accepted.CreditsCharged));
        Assert.Equal(99, await ledger.BalanceAsync(workspace, CancellationToken.None));

        // The stored upload vanishes before a worker gets to it: the conversion fails for good.
        await portal.Services.GetRequiredService<IBlobStore>().DeleteAsync(accepted.InputBlob, CancellationToken.None);
        // What a worker does: claim the next job and run it.
        var lease = await portal.Services.GetRequiredService<JobLifecycle>().TryClaimNextAsync("test-worker", CancellationToken.None);
        Assert.Equal(accepted.Id, lease?.JobId);
        await portal.Services.GetRequiredService<JobProcessor>().ProcessAsync(lease!, CancellationToken.None);
        Assert.Equal(JobStatus.Failed, (await portal.FinishedAsync(accepted.Id)).Status);

        Assert.Equal(100, await ledger.BalanceAsync(workspace, CancellationToken.None));
        var (entries, _) = await ledger.EntriesAsync(workspace, 0, 5, CancellationToken.None);
        Assert.Equal([(CreditEntryKind.Refund, 1, accepted.Id), (CreditEntryKind.Charge, -1, accepted.Id)],
            entries.Take(2).Select(entry => (entry.Kind, entry.Credits, entry.JobId ?? Guid.Empty)));
    }
}
