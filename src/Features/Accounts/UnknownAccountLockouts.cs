using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Accounts;

/// <summary>
/// Failed log-ins for e-mail addresses that have no account, counted under the same lockout policy as real
/// accounts, so that "locked out" is not a sign that an account exists. Kept in memory: it only has to look
/// like the real thing, and a restart forgets real accounts' lockouts no sooner than their own timers do.
/// </summary>
public sealed class UnknownAccountLockouts(IOptions<IdentityOptions> identity, TimeProvider clock)
{
    private const int MaxTracked = 100_000;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public bool IsLockedOut(string normalizedEmail) =>
        entries.TryGetValue(normalizedEmail, out var entry) && entry.LockedUntil > clock.GetUtcNow();

    /// <summary>Counts a failure; true when it locks the address out, as the fifth wrong password locks an account.</summary>
    public bool Fail(string normalizedEmail)
    {
        var lockout = identity.Value.Lockout;
        var now = clock.GetUtcNow();
        if (entries.Count >= MaxTracked)
        {
            Forget(now);
        }
        // As Identity counts: failures add up until they lock; a lockout that has ended starts the count afresh.
        var entry = entries.AddOrUpdate(normalizedEmail,
            _ => new Entry(1, null, now),
            (_, earlier) => new Entry((earlier.LockedUntil is null ? earlier.Failures : 0) + 1, null, now));
        if (entry.Failures < lockout.MaxFailedAccessAttempts)
        {
            return false;
        }
        entries[normalizedEmail] = new Entry(0, now + lockout.DefaultLockoutTimeSpan, now);
        return true;
    }

    /// <summary>An address sprayer fills no memory: what is not locked and not recent goes first.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (email, entry) in entries)
        {
            if ((entry.LockedUntil is null || entry.LockedUntil <= now) && entry.LastFailure < now.AddHours(-1))
            {
                entries.TryRemove(KeyValuePair.Create(email, entry));
            }
        }
    }

    private sealed record Entry(int Failures, DateTimeOffset? LockedUntil, DateTimeOffset LastFailure);
}
