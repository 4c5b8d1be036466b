using Konvrt.Portal.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.UnitTests.Features.Accounts;

public sealed class PasswordPolicyTests
{
    private static async Task<bool> IsAcceptedAsync(string password)
    {
        var options = new IdentityOptions();
        AccountsSetup.ConfigureIdentity(options);
        var users = new UserManager<PortalUser>(
            new NoStore(), Options.Create(options), new PasswordHasher<PortalUser>(), [], [],
            new UpperInvariantLookupNormalizer(), new IdentityErrorDescriber(), null!, null!);
        var result = await new PasswordValidator<PortalUser>().ValidateAsync(users, new PortalUser(), password);
        return result.Succeeded;
    }

    [Theory]
    [InlineData("short")]
    [InlineData("ninechars")]
    [InlineData("aaaaaaaaaaaa")]
    public async Task Passwords_under_ten_characters_or_of_one_repeated_letter_are_refused(string password) =>
        Assert.False(await IsAcceptedAsync(password));

    [Theory]
    [InlineData("tencharsok")]
    [InlineData("correct horse battery staple")]
    public async Task Passwords_of_ten_or_more_varied_characters_are_accepted_without_composition_rules(string password) =>
        Assert.True(await IsAcceptedAsync(password));

    [Fact]
    public void Five_failed_logins_lock_the_account_and_sign_in_needs_a_confirmed_email()
    {
        var options = new IdentityOptions();
        AccountsSetup.ConfigureIdentity(options);

        Assert.Equal(5, options.Lockout.MaxFailedAccessAttempts);
        Assert.True(options.Lockout.AllowedForNewUsers);
        Assert.True(options.SignIn.RequireConfirmedAccount);
    }

    private sealed class NoStore : IUserStore<PortalUser>
    {
        public void Dispose() { }
        public Task<string> GetUserIdAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.Id);
        public Task<string?> GetUserNameAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.UserName);
        public Task SetUserNameAsync(PortalUser user, string? userName, CancellationToken ct) => Task.CompletedTask;
        public Task<string?> GetNormalizedUserNameAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.NormalizedUserName);
        public Task SetNormalizedUserNameAsync(PortalUser user, string? normalizedName, CancellationToken ct) => Task.CompletedTask;
        public Task<IdentityResult> CreateAsync(PortalUser user, CancellationToken ct) => throw new NotSupportedException();
        public Task<IdentityResult> UpdateAsync(PortalUser user, CancellationToken ct) => throw new NotSupportedException();
        public Task<IdentityResult> DeleteAsync(PortalUser user, CancellationToken ct) => throw new NotSupportedException();
        public Task<PortalUser?> FindByIdAsync(string userId, CancellationToken ct) => Task.FromResult<PortalUser?>(null);
        public Task<PortalUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct) => Task.FromResult<PortalUser?>(null);
    }
}
