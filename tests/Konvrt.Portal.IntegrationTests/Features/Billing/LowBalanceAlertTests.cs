using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.Accounts.Email;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Konvrt.Portal.IntegrationTests.Features.Billing;

/// <summary>The low-balance alert is recorded with the charge that crosses the threshold, so neither a slow commit nor a failed send loses it.</summary>
public sealed class LowBalanceAlertTests : IDisposable
{
    private static readonly Dictionary<string, string> TenCreditsWarnUnderFive = new() { ["Billing:FreeCredits"] = "10", ["Billing:LowBalanceCredits"] = "5" };
    private readonly SharedDataFolder shared = new();

    public void Dispose() => shared.Dispose();

    private PortalFactory Host(Action<IServiceCollection>? replace = null) => new()
    {
        Settings = shared.With(TenCreditsWarnUnderFive),
        ReplaceServices = replace,
    };

    private static async Task<(Guid Workspace, string Email)> OwnerAsync(PortalFactory portal)
    {
        var email = $"low-{Guid.NewGuid():N}@example.com";
        await using var scope = portal.Services.CreateAsyncScope();
        var (result, user) = await scope.ServiceProvider.GetRequiredService<AccountLifecycle>().RegisterAsync(email, "low balance password", emailConfirmed: true);
        Assert.True(result.Succeeded);
        return ((await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().FindCallerAsync(user.Id))!.WorkspaceId, email);
    }

    /// <summary>A one-credit charge in a job's own transaction, committed after <paramref name="commitAfter"/>.</summary>
    private static async Task ChargeOneAsync(PortalFactory portal, Guid workspace, TimeSpan commitAfter = default)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await portal.Services.GetRequiredService<CreditLedger>().ReserveAsync(db, [new JobCharge(workspace, Guid.NewGuid(), 1)], CancellationToken.None);
        await db.SaveChangesAsync();
        // A slow disk or a busy database: the commit comes well after the charge was made.
        await Task.Delay(commitAfter);
        await transaction.CommitAsync();
    }

    [Fact]
    public async Task A_charge_that_commits_slowly_still_gets_its_alert_mailed()
    {
        await using var portal = Host();
        var (workspace, email) = await OwnerAsync(portal);
        for (var i = 0; i < 5; i++)
        {
            await ChargeOneAsync(portal, workspace);
        }

        await ChargeOneAsync(portal, workspace, commitAfter: TimeSpan.FromSeconds(2));

        var mail = await MailPickup.LatestToAsync(shared.Paths, email);
        Assert.Contains("running low (4 left)", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alert_whose_sending_failed_is_sent_by_the_next_host_once_its_claim_has_lapsed()
    {
        Guid workspace;
        string email;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var failingMail = new FailingTransport();
        await using (var first = Host(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<IMailTransport>(failingMail);
        }))
        {
            (workspace, email) = await OwnerAsync(first);
            for (var i = 0; i < 6; i++)
            {
                await ChargeOneAsync(first, workspace);
            }
            // Whichever pass of this host tries it, the send fails and leaves the alert claimed, not sent. The host's own
            // pass may have claimed it a moment before this one looked, and be about to try: wait for its attempt.
            await first.Services.GetRequiredService<LowBalanceAlerts>().SendDueAsync(CancellationToken.None);
            await Eventually.TrueAsync(() => failingMail.Attempts > 0, "a send of the alert to be tried and fail", TimeSpan.FromSeconds(10));
        }
        clock.Advance(TimeSpan.FromMinutes(6));

        await using var next = Host(services => services.AddSingleton<TimeProvider>(clock));
        // Its own start-up pass may have sent it already; either way it is sent, once.
        await next.Services.GetRequiredService<LowBalanceAlerts>().SendDueAsync(CancellationToken.None);

        var mail = await MailPickup.LatestToAsync(shared.Paths, email);
        Assert.Contains("running low (4 left)", mail.Subject, StringComparison.Ordinal);
        // The pass that sent it records the alert's end just after the mail is written: wait for that, not a moment before.
        var contexts = next.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await Eventually.TrueAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            return (await db.Set<CreditAccount>().SingleAsync(a => a.WorkspaceId == workspace)).LowBalanceAlertDueAt is null;
        }, "the sent alert to be recorded as sent", TimeSpan.FromSeconds(10));
        Assert.Single(Directory.EnumerateFiles(shared.Paths.MailPickup), file => File.ReadAllText(file).Contains(email, StringComparison.Ordinal));
    }

    private sealed class FailingTransport : IMailTransport
    {
        private int attempts;

        public int Attempts => attempts;

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref attempts);
            throw new IOException("The mail server is unreachable.");
        }
    }
}
