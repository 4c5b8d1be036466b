using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Infrastructure;

public sealed partial class PortalBasicsTests
{
    [Fact]
    public async Task On_postgres_the_database_is_migrated_there_with_the_data_protection_keys_and_no_sqlite_file_is_made()
    {
        Assert.True(TestDatabase.IsPostgres);
        var protector = portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var sealedText = protector.Protect("across instances");

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        Assert.False(File.Exists(portal.Paths.Database));
        Assert.Equal("across instances", protector.Unprotect(sealedText));
    }
}
