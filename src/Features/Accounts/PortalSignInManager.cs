using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Accounts;

/// <summary>
/// Identity's sign-in, without telling strangers which e-mail addresses have accounts: an unknown address costs
/// the same password hash as a known one and locks out after the same number of failures, and an unconfirmed
/// account says "confirm your e-mail" only to whoever typed its right password.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    UnknownAccountLockouts unknownAccounts)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A hash of a password nobody knows, verified when the account does not exist.</summary>
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is not null)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }
        var normalized = UserManager.NormalizeName(userName) ?? "";
        if (unknownAccounts.IsLockedOut(normalized))
        {
            return SignInResult.LockedOut;
        }
        // The same work a real account's check does, so the answer takes as long.
        UserManager.PasswordHasher.VerifyHashedPassword(new PortalUser(), DecoyHash.Value, password);
        return lockoutOnFailure && unknownAccounts.Fail(normalized) ? SignInResult.LockedOut : SignInResult.Failed;
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(PortalUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await CanSignInAsync(user))
        {
            return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        }
        // Not allowed yet (the e-mail is unconfirmed): a wrong password is just a wrong password, and counts.
        if (await IsLockedOut(user))
        {
            return await LockedOut(user);
        }
        if (await UserManager.CheckPasswordAsync(user, password))
        {
            return SignInResult.NotAllowed;
        }
        if (lockoutOnFailure && UserManager.SupportsUserLockout)
        {
            await UserManager.AccessFailedAsync(user);
            if (await UserManager.IsLockedOutAsync(user))
            {
                return await LockedOut(user);
            }
        }
        return SignInResult.Failed;
    }
}
