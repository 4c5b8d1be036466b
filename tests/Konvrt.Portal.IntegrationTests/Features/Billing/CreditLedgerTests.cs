using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;

namespace Konvrt.Portal.IntegrationTests.Features.Billing;

/// <summary>Ten free credits, and a warning under five: small numbers that tests can exhaust.</summary>
public sealed class WithTenCredits : PortalSetup
{
    public override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { ["Billing:FreeCredits"] = "10", ["Billing:LowBalanceCredits"] = "5" };
}

/// <summary>The ledger over the real SQLite file: no credit lost, doubled or spent twice.</summary>
public sealed class CreditLedgerTests(PortalFactory<WithTenCredits> fixture) : IClassFixture<PortalFactory<WithTenCredits>>
{
    private PortalFactory<WithTenCredits> Portal => fixture;

    private T Service<T>() where T : notnull => Portal.Services.GetRequiredService<T>();

    /// <summary>A one-credit charge as a job's acceptance makes it: in the job's own write transaction.</summary>
    private async Task<bool> ChargeOneAsync(Guid workspaceId)
    {
        await using var db = await Service<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            await Service<CreditLedger>().ReserveAsync(db, [new JobCharge(workspaceId, Guid.NewGuid(), 1)], CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return true;
        }
        catch (InsufficientCreditsException)
        {
            return false;
        }
    }

    private async Task<(int Balance, int LedgerSum, int Entries)> BooksAsync(Guid workspaceId)
    {
        await using var db = await Service<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var balance = await db.Set<CreditAccount>().Where(a => a.WorkspaceId == workspaceId).Select(a => a.Balance).SingleAsync();
        var entries = await db.Set<CreditEntry>().Where(e => e.WorkspaceId == workspaceId).Select(e => e.Credits).ToListAsync();
        return (balance, entries.Sum(), entries.Count);
    }

    [Fact]
    public async Task A_hundred_concurrent_one_credit_charges_on_a_balance_of_ten_let_exactly_ten_through()
    {
        var workspace = await Portal.CreateWorkspaceAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => ChargeOneAsync(workspace))));

        Assert.Equal(10, outcomes.Count(succeeded => succeeded));
        var (balance, sum, entries) = await BooksAsync(workspace);
        Assert.Equal((0, 0), (balance, sum));
        // The free-credit grant and ten charges: the refused ninety left no trace.
        Assert.Equal(11, entries);
    }

    [Fact]
    public async Task The_cost_is_one_credit_per_started_ten_megabytes_and_at_least_one()
    {
        var ledger = Service<CreditLedger>();

        Assert.Equal([1, 1, 1, 2, 5], new long[] { 0, 1, 10 * 1024 * 1024, 10 * 1024 * 1024 + 1, 50 * 1024 * 1024 }.Select(ledger.CostOf));
    }

    [Fact]
    public async Task A_job_is_charged_when_accepted_a_refused_upload_costs_nothing_and_neither_does_a_cache_hit()
    {
        var workspace = await Portal.CreateWorkspaceAsync();

        var converted = await Portal.FinishedAsync((await Portal.SubmitAsync(workspace, SmallJpeg(7), Options(("format", "webp")))).Id);
        var cached = await Portal.SubmitAsync(workspace, SmallJpeg(7), Options(("format", "webp")));
        Assert.Equal((1, 0, true), (converted.CreditsCharged, cached.CreditsCharged, cached.Cached));
        Assert.Equal(9, await Service<CreditLedger>().BalanceAsync(workspace, CancellationToken.None));

        // Refused at upload: never accepted, never charged.
        var refused = await Portal.SubmitAsync(workspace, "this is not an image"u8.ToArray(), Options(("format", "webp")));
        Assert.Equal((JobStatus.Failed, 0), (refused.Status, refused.CreditsCharged));
        Assert.Equal(9, await Service<CreditLedger>().BalanceAsync(workspace, CancellationToken.None));

        var (balance, sum, _) = await BooksAsync(workspace);
        Assert.Equal((9, 9), (balance, sum));
    }

    [Fact]
    public async Task A_refund_gives_back_exactly_what_was_taken_and_is_written_in_the_ledger()
    {
        var workspace = await Portal.CreateWorkspaceAsync();
        var jobId = Guid.NewGuid();
        await using (var db = await Service<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var ledger = Service<CreditLedger>();
            var taken = await ledger.ReserveAsync(db, [new JobCharge(workspace, jobId, ledger.CostOf(25L * 1024 * 1024))], CancellationToken.None);
            Assert.Equal(3, taken);
            await db.SaveChangesAsync();
            await ledger.RefundAsync(db, new JobCharge(workspace, jobId, taken), "Refund of a failed conversion", CancellationToken.None);
            await transaction.CommitAsync();
        }

        var (entries, _) = await Service<CreditLedger>().EntriesAsync(workspace, 0, 10, CancellationToken.None);
        Assert.Equal([(CreditEntryKind.Refund, 3, 10), (CreditEntryKind.Charge, -3, 7), (CreditEntryKind.Grant, 10, 10)],
            entries.Select(e => (e.Kind, e.Credits, e.BalanceAfter)));
    }

    [Fact]
    public async Task A_short_balance_refuses_the_job_before_anything_is_stored()
    {
        var workspace = await Portal.CreateWorkspaceAsync();
        while (await ChargeOneAsync(workspace))
        {
        }

        await Assert.ThrowsAsync<InsufficientCreditsException>(() => Portal.SubmitAsync(workspace, SmallJpeg(9), Options(("format", "webp"))));

        await using var db = await Service<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Jobs.AnyAsync(job => job.WorkspaceId == workspace));
        Assert.False(Directory.Exists(Path.Combine(Portal.Paths.Blobs, workspace.ToString("N"), "inputs"))
            && Directory.EnumerateFiles(Path.Combine(Portal.Paths.Blobs, workspace.ToString("N"), "inputs")).Any());
    }

    [Fact]
    public async Task Falling_under_the_low_balance_threshold_mails_the_owner_once()
    {
        var email = $"low-{Guid.NewGuid():N}@example.com";
        await using var scope = Portal.Services.CreateAsyncScope();
        var (result, user) = await scope.ServiceProvider.GetRequiredService<Konvrt.Portal.Features.Accounts.AccountLifecycle>().RegisterAsync(email, "low balance password", emailConfirmed: true);
        Assert.True(result.Succeeded);
        var workspace = (await Service<Konvrt.Portal.Features.Workspaces.WorkspaceDirectory>().FindCallerAsync(user.Id))!.WorkspaceId;

        for (var i = 0; i < 6; i++)
        {
            Assert.True(await ChargeOneAsync(workspace));
        }

        var mail = await MailPickup.LatestToAsync(Portal.Paths, email);
        Assert.Contains("running low (4 left)", mail.Subject, StringComparison.Ordinal);
        MailPickup.AssertExplained(mail, "you own the Konvrt workspace", "billing");
        Assert.True(await ChargeOneAsync(workspace));
        // The alert is recorded with the charge that crosses the threshold: a later charge records none to send.
        Assert.Equal(0, await Service<LowBalanceAlerts>().SendDueAsync(CancellationToken.None));
        Assert.Single(Directory.EnumerateFiles(Portal.Paths.MailPickup), file => File.ReadAllText(file).Contains(email, StringComparison.Ordinal)
            && File.ReadAllText(file).Contains("running low", StringComparison.Ordinal));
    }
}
