using Konvrt.Portal.Features.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>The jobs of one request with several sources: credits reserved for all or none, one <c>batch.completed</c> when all have ended.</summary>
public sealed class Batch
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public string? WebhookUrl { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Set once, by whoever first sees every job of the batch notified: <c>batch.completed</c> is written then.</summary>
    public DateTimeOffset? NotifiedAt { get; set; }
}

internal sealed class BatchConfiguration : IEntityTypeConfiguration<Batch>
{
    public void Configure(EntityTypeBuilder<Batch> batch)
    {
        batch.ToTable("Batches");
        batch.HasOne<Workspace>().WithMany().HasForeignKey(b => b.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        batch.Property(b => b.WebhookUrl).HasMaxLength(2048);
        batch.HasIndex(b => new { b.NotifiedAt, b.CreatedAt });
    }
}
