using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Outbound;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Webhooks;

/// <summary>A new endpoint or secret: the secret is in clear here, and nowhere else ever again.</summary>
public sealed record EndpointWithSecret(WebhookEndpoint Endpoint, string Secret);

/// <summary>What an endpoint may be changed to; null leaves a field as it is.</summary>
public sealed record EndpointChange(string? Url = null, string? Description = null, IReadOnlyList<string>? Events = null, bool? Enabled = null);

/// <summary>Field → reasons, as the API's validation problem and the page's form show them.</summary>
public sealed class InvalidWebhookException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The webhook endpoint is invalid: " + string.Join("; ", errors.Select(error => $"{error.Key} {string.Join(" ", error.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The Webhooks feature's public service for endpoints and secrets, always within one workspace.</summary>
public sealed class WebhookEndpoints(
    IDbContextFactory<PortalDbContext> contexts, WebhookSecretStore secrets, OutboundPolicy urls, AuditTrail audit, TimeProvider clock)
{
    public const int MaxEndpointsPerWorkspace = 20;
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<WebhookEndpoint>().AsNoTracking().Where(e => e.WorkspaceId == workspaceId)
            .OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<WebhookEndpoint?> FindAsync(Guid workspaceId, Guid endpointId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<WebhookEndpoint>().AsNoTracking()
            .SingleOrDefaultAsync(e => e.Id == endpointId && e.WorkspaceId == workspaceId, cancellationToken);
    }

    public async Task<EndpointWithSecret> CreateAsync(
        Guid workspaceId, AuditActor actor, string url, string? description, IReadOnlyList<string> events, bool enabled, CancellationToken cancellationToken)
    {
        await ValidateAsync(url, description, events, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Set<WebhookEndpoint>().CountAsync(e => e.WorkspaceId == workspaceId, cancellationToken) >= MaxEndpointsPerWorkspace)
        {
            throw new InvalidWebhookException(new Dictionary<string, string[]> { ["url"] = [$"A workspace has at most {MaxEndpointsPerWorkspace} endpoints."] });
        }
        var secret = WebhookSigning.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            WorkspaceId = workspaceId,
            Url = url.Trim(),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Events = string.Join(',', events.Distinct(StringComparer.Ordinal)),
            Enabled = enabled,
            SecretProtected = secrets.Protect(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Set<WebhookEndpoint>().Add(endpoint);
        audit.Add(db, workspaceId, actor, AuditActions.WebhookCreated, endpoint.Url, endpoint.Events);
        await db.SaveChangesAsync(cancellationToken);
        return new EndpointWithSecret(endpoint, secret);
    }

    public async Task<WebhookEndpoint?> UpdateAsync(Guid workspaceId, AuditActor actor, Guid endpointId, EndpointChange change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == endpointId && e.WorkspaceId == workspaceId, cancellationToken);
        if (endpoint is null)
        {
            return null;
        }
        await ValidateAsync(change.Url ?? endpoint.Url, change.Description ?? endpoint.Description, change.Events ?? endpoint.EventList, cancellationToken);
        endpoint.Url = change.Url?.Trim() ?? endpoint.Url;
        if (change.Description is not null)
        {
            endpoint.Description = change.Description.Trim().Length == 0 ? null : change.Description.Trim();
        }
        if (change.Events is not null)
        {
            endpoint.Events = string.Join(',', change.Events.Distinct(StringComparer.Ordinal));
        }
        if (change.Enabled is { } enabled)
        {
            endpoint.Enabled = enabled;
            if (enabled)
            {
                endpoint.DisabledReason = null;
                endpoint.FailingSince = null;
            }
        }
        audit.Add(db, workspaceId, actor, AuditActions.WebhookUpdated, endpoint.Url, Describe(change));
        await db.SaveChangesAsync(cancellationToken);
        return endpoint;
    }

    /// <summary>Deletes the endpoint; what it still had to send is cancelled, its log goes with it.</summary>
    public async Task<bool> DeleteAsync(Guid workspaceId, AuditActor actor, Guid endpointId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var url = await db.Set<WebhookEndpoint>().Where(e => e.Id == endpointId && e.WorkspaceId == workspaceId)
            .Select(e => e.Url).SingleOrDefaultAsync(cancellationToken);
        if (url is null)
        {
            return false;
        }
        await db.Set<WebhookMessage>().Where(m => m.EndpointId == endpointId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<WebhookEndpoint>().Where(e => e.Id == endpointId).ExecuteDeleteAsync(cancellationToken);
        audit.Add(db, workspaceId, actor, AuditActions.WebhookDeleted, url);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>A new secret; for 24 hours the old one still signs beside it, so receivers can switch without losing a delivery.</summary>
    public async Task<EndpointWithSecret?> RotateSecretAsync(Guid workspaceId, AuditActor actor, Guid endpointId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == endpointId && e.WorkspaceId == workspaceId, cancellationToken);
        if (endpoint is null)
        {
            return null;
        }
        var secret = WebhookSigning.NewSecret();
        endpoint.PreviousSecretProtected = endpoint.SecretProtected;
        endpoint.PreviousSecretExpiresAt = clock.GetUtcNow() + RotationOverlap;
        endpoint.SecretProtected = secrets.Protect(secret);
        audit.Add(db, workspaceId, actor, AuditActions.WebhookSecretRotated, endpoint.Url, "the old secret signs beside the new one for 24 hours");
        await db.SaveChangesAsync(cancellationToken);
        return new EndpointWithSecret(endpoint, secret);
    }

    /// <summary>The workspace's secret for conversions' own <c>webhookUrl</c>s, made on first use.</summary>
    public async Task<string> DefaultSecretAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var key = await db.Set<WorkspaceWebhookKey>().AsNoTracking().SingleOrDefaultAsync(k => k.WorkspaceId == workspaceId, cancellationToken);
        if (key is null)
        {
            key = new WorkspaceWebhookKey { WorkspaceId = workspaceId, SecretProtected = secrets.Protect(WebhookSigning.NewSecret()), CreatedAt = clock.GetUtcNow() };
            db.Set<WorkspaceWebhookKey>().Add(key);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return secrets.Unprotect(key.SecretProtected);
    }

    /// <summary>The secrets that sign a message now: the endpoint's (and its previous one during a rotation), or the workspace's default.</summary>
    public async Task<IReadOnlyList<string>> SigningSecretsAsync(WebhookMessage message, WebhookEndpoint? endpoint, CancellationToken cancellationToken)
    {
        if (endpoint is null)
        {
            return [await DefaultSecretAsync(message.WorkspaceId, cancellationToken)];
        }
        var signing = new List<string> { secrets.Unprotect(endpoint.SecretProtected) };
        if (endpoint.PreviousSecretProtected is { } previous && endpoint.PreviousSecretExpiresAt > clock.GetUtcNow())
        {
            signing.Add(secrets.Unprotect(previous));
        }
        return signing;
    }

    private async Task ValidateAsync(string url, string? description, IReadOnlyList<string> events, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (await urls.ProblemWithUrlAsync(url, cancellationToken) is { } problem)
        {
            errors["url"] = [problem];
        }
        if (description?.Length > 200)
        {
            errors["description"] = ["must be at most 200 characters."];
        }
        var unknown = events.Where(type => !WebhookEventTypes.Subscribable.Contains(type, StringComparer.Ordinal)).ToList();
        if (events.Count == 0)
        {
            errors["events"] = [$"choose at least one of {string.Join(", ", WebhookEventTypes.Subscribable)}."];
        }
        else if (unknown.Count > 0)
        {
            errors["events"] = [$"{string.Join(", ", unknown)}: not an event; the events are {string.Join(", ", WebhookEventTypes.Subscribable)}."];
        }
        if (errors.Count > 0)
        {
            throw new InvalidWebhookException(errors);
        }
    }

    /// <summary>What changed, for the audit log.</summary>
    private static string Describe(EndpointChange change) => string.Join("; ", new[]
    {
        change.Url is null ? null : $"url {change.Url.Trim()}",
        change.Description is null ? null : "description",
        change.Events is null ? null : $"events {string.Join(',', change.Events)}",
        change.Enabled is { } enabled ? (enabled ? "enabled" : "disabled") : null,
    }.Where(part => part is not null));
}
