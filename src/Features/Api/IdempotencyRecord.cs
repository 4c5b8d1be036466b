using Konvrt.Portal.Features.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Konvrt.Portal.Features.Api;

/// <summary>The first answer to a request sent with an <c>Idempotency-Key</c>, kept for 24 hours to answer its repeats.</summary>
public sealed class IdempotencyRecord
{
    public Guid WorkspaceId { get; init; }
    public required string Key { get; init; }
    /// <summary>SHA-256 of the request (file and options): a repeat must be the same request.</summary>
    public required string RequestHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Body { get; set; }
    public string? Location { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.HasKey(r => new { r.WorkspaceId, r.Key });
        record.Property(r => r.Key).HasMaxLength(255);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        record.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        record.HasIndex(r => r.CreatedAt);
    }
}
