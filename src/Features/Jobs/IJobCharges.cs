using Konvrt.Portal.Infrastructure;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>What a job costs its workspace.</summary>
public sealed record JobCharge(Guid WorkspaceId, Guid JobId, long InputBytes, int Credits);

/// <summary>
/// The billing seam. Credits are reserved when a job is accepted and given back when it fails. Both
/// calls receive the <see cref="PortalDbContext"/> whose transaction also writes the job's change, so
/// a credit is never spent on a job that was not saved, nor lost on one that failed.
/// </summary>
public interface IJobCharges
{
    /// <summary>Reserves the job's cost and returns the credits taken; throws when the workspace cannot pay.</summary>
    Task<int> ReserveAsync(PortalDbContext db, JobCharge charge, CancellationToken cancellationToken);

    /// <summary>Gives back what <see cref="ReserveAsync"/> took, once, when the job fails.</summary>
    Task RefundAsync(PortalDbContext db, JobCharge charge, CancellationToken cancellationToken);

    /// <summary>The workspace's credit balance.</summary>
    Task<int> BalanceAsync(Guid workspaceId, CancellationToken cancellationToken);

    /// <summary>Whether a balance is low enough to warn about before conversions are refused.</summary>
    bool IsLow(int balance);
}

/// <summary>The workspace's balance does not cover the job: nothing was stored, nothing was charged.</summary>
public sealed class InsufficientCreditsException(int required, int balance)
    : Exception($"This conversion needs {required} credit{(required == 1 ? "" : "s")} and the workspace has {balance}.")
{
    public int Required { get; } = required;
    public int Balance { get; } = balance;
}
