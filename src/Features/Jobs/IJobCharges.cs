using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>What a job costs its workspace (every output it converts), or what is given back.</summary>
public sealed record JobCharge(Guid WorkspaceId, Guid JobId, int Credits);

/// <summary>
/// The billing seam. Credits are reserved when jobs are accepted and given back when they fail. Every call
/// receives the <see cref="PortalDbContext"/> whose transaction also writes the jobs' change, so a credit is
/// never spent on a job that was not saved, nor lost on one that failed.
/// </summary>
public interface IJobCharges
{
    /// <summary>What one conversion of an input this large costs.</summary>
    int CostOf(long inputBytes);

    /// <summary>
    /// Reserves every charge or none (a batch is paid for whole) and returns the credits taken; throws
    /// <see cref="InsufficientCreditsException"/> when the workspace cannot pay for all of them.
    /// </summary>
    Task<int> ReserveAsync(PortalDbContext db, IReadOnlyList<JobCharge> charges, CancellationToken cancellationToken);

    /// <summary>Gives back credits a job took: all of them when it fails, the difference when it turned out to cost less.</summary>
    Task RefundAsync(PortalDbContext db, JobCharge charge, string reason, CancellationToken cancellationToken);

    /// <summary>The workspace's credit balance.</summary>
    Task<int> BalanceAsync(Guid workspaceId, CancellationToken cancellationToken);

    /// <summary>Whether a balance is low enough to warn about before conversions are refused.</summary>
    bool IsLow(int balance);
}

/// <summary>The workspace's balance does not cover the jobs: nothing was stored, nothing was charged.</summary>
public sealed class InsufficientCreditsException(int required, int balance)
    : Exception($"This needs {required} credit{(required == 1 ? "" : "s")} and the workspace has {balance}.")
{
    public int Required { get; } = required;
    public int Balance { get; } = balance;
}
