using Konvrt.Portal.Infrastructure.Telemetry;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Konvrt.Portal.Features.Webhooks;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.ToTable("WebhookEndpoints");
        endpoint.HasOne<Workspace>().WithMany().HasForeignKey(e => e.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        endpoint.Property(e => e.Url).HasMaxLength(2048);
        endpoint.Property(e => e.Description).HasMaxLength(200);
        endpoint.Property(e => e.Events).HasMaxLength(200);
        endpoint.Property(e => e.DisabledReason).HasMaxLength(300);
        endpoint.Ignore(e => e.EventList);
        endpoint.HasIndex(e => e.WorkspaceId);
    }
}

internal sealed class WorkspaceWebhookKeyConfiguration : IEntityTypeConfiguration<WorkspaceWebhookKey>
{
    public void Configure(EntityTypeBuilder<WorkspaceWebhookKey> key)
    {
        key.ToTable("WorkspaceWebhookKeys");
        key.HasKey(k => k.WorkspaceId);
        key.HasOne<Workspace>().WithOne().HasForeignKey<WorkspaceWebhookKey>(k => k.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookMessageConfiguration : IEntityTypeConfiguration<WebhookMessage>
{
    public void Configure(EntityTypeBuilder<WebhookMessage> message)
    {
        message.ToTable("WebhookMessages");
        message.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        message.Property(m => m.Status).HasConversion<LowercaseEnumConverter<WebhookMessageStatus>>().HasMaxLength(16);
        message.Property(m => m.Url).HasMaxLength(2048);
        message.Property(m => m.EventType).HasMaxLength(64);
        message.Property(m => m.TraceParent).HasMaxLength(KonvrtTracing.MaxTraceParentLength);
        message.Ignore(m => m.WebhookId);
        // The dispatcher: what is due next.
        message.HasIndex(m => new { m.Status, m.NextAttemptAt });
        message.HasIndex(m => new { m.EndpointId, m.CreatedAt });
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.ToTable("WebhookAttempts");
        attempt.HasOne<WebhookMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        attempt.Property(a => a.ResponseExcerpt).HasMaxLength(4096);
        attempt.Property(a => a.RequestHeaders).HasMaxLength(WebhooksOptions.MaxHeaderLogChars);
        attempt.Property(a => a.ResponseHeaders).HasMaxLength(WebhooksOptions.MaxHeaderLogChars);
        attempt.Property(a => a.Error).HasMaxLength(500);
        attempt.HasIndex(a => new { a.EndpointId, a.Id });
        attempt.HasIndex(a => a.MessageId);
    }
}
