using Bunit;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Infrastructure.Database;

namespace Konvrt.Portal.ComponentTests.Features;

public sealed class BillingPageTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void Without_stripe_keys_a_site_administrator_is_told_how_to_configure_payments_and_the_packs_still_show()
    {
        MakeSiteAdministrator();
        var page = Render<BillingPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=payments-not-configured]")), Wait);
        Assert.Contains("Stripe:SecretKey", page.Find("[data-testid=payments-not-configured]").TextContent, StringComparison.Ordinal);
        Assert.Equal("100", page.Find("[data-testid=billing-balance]").TextContent.Trim());
        Assert.Contains("1,000", page.Find("[data-testid=pack-starter]").TextContent, StringComparison.Ordinal);
        Assert.Contains("$5.00", page.Find("[data-testid=pack-starter]").TextContent, StringComparison.Ordinal);
        Assert.Contains("$20.00", page.Find("[data-testid=pack-growth]").TextContent, StringComparison.Ordinal);
        Assert.Contains("20,000", page.Find("[data-testid=pack-scale]").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=buy-growth]").HasAttribute("disabled"));
        // Not Development: no simulated purchase either.
        Assert.Empty(page.FindAll("[data-testid=simulate-growth]"));
    }

    [Fact]
    public void A_customer_is_told_only_that_payments_are_not_available_never_how_the_server_is_configured()
    {
        var page = Render<BillingPage>();

        page.WaitForAssertion(() => Assert.Equal("Payments are not available on this server.", page.Find("[data-testid=payments-unavailable]").TextContent.Trim()), Wait);
        Assert.Empty(page.FindAll("[data-testid=payments-not-configured]"));
        Assert.DoesNotContain("Stripe:", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("grant-credits", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_lists_every_movement_newest_first_and_a_low_balance_is_flagged()
    {
        var ledger = Service<CreditLedger>();
        await ledger.CreditAsync(WorkspaceId, CreditEntryKind.Grant, 5, null, "Welcome back", CancellationToken.None);
        var page = Render<BillingPage>();
        page.WaitForAssertion(() => Assert.Equal(["+5", "+100"], page.FindAll("[data-testid=ledger-credits]").Select(cell => cell.TextContent.Trim())), Wait);
        Assert.All(page.FindAll("[data-testid=ledger-credits]"), cell => Assert.Contains("kv-num", cell.ParentElement!.ClassName, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=low-balance]"));

        await using (var db = await Service<Microsoft.EntityFrameworkCore.IDbContextFactory<Konvrt.Portal.Infrastructure.Database.PortalDbContext>>().CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await ledger.ReserveAsync(db, [new Konvrt.Portal.Features.Jobs.JobCharge(WorkspaceId, Guid.NewGuid(), 60)], CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        var after = Render<BillingPage>();

        after.WaitForAssertion(() => Assert.Contains("only 45 credits left", after.Find("[data-testid=low-balance]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("-60", after.FindAll("[data-testid=ledger-credits]")[0].TextContent.Trim());
        // A charge names its job and opens it in the history.
        Assert.StartsWith("jobs?job=", after.FindAll("[data-testid=ledger-job]")[0].GetAttribute("href"), StringComparison.Ordinal);
    }
}
