using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Accounts;

public sealed class UserPreferences(IDbContextFactory<PortalDbContext> contexts)
{
    public async Task<bool?> GetDarkModeAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.PrefersDarkMode).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SetDarkModeAsync(string userId, bool darkMode, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.PrefersDarkMode, darkMode), cancellationToken);
    }
}
