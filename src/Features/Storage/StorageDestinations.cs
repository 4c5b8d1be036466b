using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Features.Presets;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Outbound;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Storage;

/// <summary>
/// A workspace's storage destinations: listed, found by name, added after a real test write, tested again and
/// deleted, always within one workspace. The secret is encrypted before it is saved and never leaves again.
/// </summary>
public sealed class StorageDestinations(
    IDbContextFactory<PortalDbContext> contexts, S3Buckets buckets, StorageSecrets secrets, OutboundPolicy outbound, AuditTrail audit, TimeProvider clock)
{
    public const int MaxPerWorkspace = 10;

    public abstract record Outcome;

    public sealed record Added(StorageDestination Destination) : Outcome;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Outcome;

    public sealed record Taken(string Reason) : Outcome;

    /// <summary>The test write failed: nothing was saved.</summary>
    public sealed record CheckFailed(StorageFailureException Failure) : Outcome;

    public async Task<IReadOnlyList<StorageDestination>> ListAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<StorageDestination>().AsNoTracking().Where(d => d.WorkspaceId == workspaceId)
            .OrderBy(d => d.Name).ToListAsync(cancellationToken);
    }

    public async Task<StorageDestination?> FindAsync(Guid workspaceId, string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<StorageDestination>().AsNoTracking()
            .SingleOrDefaultAsync(d => d.WorkspaceId == workspaceId && d.Name == name, cancellationToken);
    }

    /// <summary>By id, for the Store step of a job that named it (the job belongs to the same workspace).</summary>
    public async Task<StorageDestination?> FindAsync(Guid destinationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<StorageDestination>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == destinationId, cancellationToken);
    }

    public async Task<Outcome> AddAsync(Guid workspaceId, AuditActor actor, StorageRequest request, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(request, cancellationToken);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var destinations = db.Set<StorageDestination>().Where(d => d.WorkspaceId == workspaceId);
        if (await destinations.AnyAsync(d => d.Name == request.Name, cancellationToken))
        {
            return new Taken($"This workspace already has a storage destination '{request.Name}': delete it first, or choose another name.");
        }
        if (await destinations.CountAsync(cancellationToken) >= MaxPerWorkspace)
        {
            return new Invalid(new Dictionary<string, string[]> { ["name"] = [$"A workspace has at most {MaxPerWorkspace} storage destinations."] });
        }
        var now = clock.GetUtcNow();
        var destination = new StorageDestination
        {
            WorkspaceId = workspaceId,
            Name = request.Name!,
            Endpoint = string.IsNullOrWhiteSpace(request.Endpoint) ? null : request.Endpoint.Trim().TrimEnd('/'),
            Region = request.Region!.Trim(),
            Bucket = request.Bucket!.Trim(),
            AccessKeyId = request.AccessKeyId!.Trim(),
            SecretAccessKeyProtected = secrets.Protect(request.SecretAccessKey!),
            ForcePathStyle = request.ForcePathStyle ?? false,
            Prefix = string.IsNullOrWhiteSpace(request.Prefix) ? null : request.Prefix.Trim().Trim('/'),
            CreatedAt = now,
            CheckedAt = now,
        };
        try
        {
            await buckets.CheckAsync(destination, request.SecretAccessKey!, cancellationToken);
        }
        catch (StorageFailureException failure)
        {
            return new CheckFailed(failure);
        }
        db.Set<StorageDestination>().Add(destination);
        audit.Add(db, workspaceId, actor, AuditActions.StorageCreated, destination.Name,
            $"{destination.Endpoint ?? "AWS S3"} bucket {destination.Bucket}, access key {destination.AccessKeyId}");
        await db.SaveChangesAsync(cancellationToken);
        return new Added(destination);
    }

    /// <summary>Writes and deletes a test file again; null when there is no such destination, else the failure or none.</summary>
    /// <summary>An upload to the destination failed: true when it had been working until now (its owners are to be told).</summary>
    public async Task<bool> MarkFailingAsync(Guid destinationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.Set<StorageDestination>().Where(d => d.Id == destinationId && d.FailingSince == null)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.FailingSince, now), cancellationToken) == 1;
    }

    /// <summary>An upload to the destination went through: it is working again.</summary>
    public async Task MarkWorkingAsync(Guid destinationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<StorageDestination>().Where(d => d.Id == destinationId && d.FailingSince != null)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.FailingSince, (DateTimeOffset?)null), cancellationToken);
    }

    public async Task<(bool Found, StorageFailureException? Failure)> TestAsync(Guid workspaceId, string name, CancellationToken cancellationToken)
    {
        var destination = await FindAsync(workspaceId, name, cancellationToken);
        if (destination is null)
        {
            return (false, null);
        }
        try
        {
            await buckets.CheckAsync(destination, secrets.Unprotect(destination.SecretAccessKeyProtected), cancellationToken);
        }
        catch (StorageFailureException failure)
        {
            return (true, failure);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<StorageDestination>().Where(d => d.Id == destination.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.CheckedAt, clock.GetUtcNow()), cancellationToken);
        return (true, null);
    }

    /// <summary>
    /// False when there is no such destination. Outputs still waiting to be stored there are reported failed by the
    /// Store step when their turn comes: the destination is gone.
    /// </summary>
    public async Task<bool> DeleteAsync(Guid workspaceId, AuditActor actor, string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var destination = await db.Set<StorageDestination>().SingleOrDefaultAsync(d => d.WorkspaceId == workspaceId && d.Name == name, cancellationToken);
        if (destination is null)
        {
            return false;
        }
        db.Set<StorageDestination>().Remove(destination);
        audit.Add(db, workspaceId, actor, AuditActions.StorageDeleted, name);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(StorageRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Name is null || !OutputDefinition.IsValidName(request.Name))
        {
            errors["name"] = ["is required: 1 to 40 lower-case letters, digits, '-' or '_'."];
        }
        if (string.IsNullOrWhiteSpace(request.Region) || request.Region.Length > 64)
        {
            errors["region"] = ["is required (e.g. us-east-1; S3-compatible servers usually accept any)."];
        }
        if (string.IsNullOrWhiteSpace(request.Bucket) || request.Bucket.Trim().Length is < 3 or > 63)
        {
            errors["bucket"] = ["is required: the bucket's name, 3 to 63 characters."];
        }
        if (string.IsNullOrWhiteSpace(request.AccessKeyId) || request.AccessKeyId.Length > 256)
        {
            errors["accessKeyId"] = ["is required."];
        }
        if (string.IsNullOrEmpty(request.SecretAccessKey) || request.SecretAccessKey.Length > 1024)
        {
            errors["secretAccessKey"] = ["is required."];
        }
        if (request.Prefix is { Length: > 0 } prefix && StoragePaths.ProblemWith(prefix.Trim().Trim('/')) is { } problem)
        {
            errors["prefix"] = [problem];
        }
        if (!string.IsNullOrWhiteSpace(request.Endpoint))
        {
            if (await outbound.ProblemWithUrlAsync(request.Endpoint.Trim(), cancellationToken) is { } unusable)
            {
                errors["endpoint"] = [unusable];
            }
        }
        else if (request.Region is { Length: > 0 } region && Amazon.RegionEndpoint.EnumerableAllRegions.All(known => known.SystemName != region.Trim()))
        {
            errors["endpoint"] = ["is required unless the bucket is on AWS in a known region."];
        }
        return errors;
    }
}
