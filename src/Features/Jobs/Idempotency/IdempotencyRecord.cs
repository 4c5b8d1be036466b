using Konvrt.Portal.Features.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Konvrt.Portal.Features.Jobs.Idempotency;

/// <summary>
/// A request sent with an <c>Idempotency-Key</c>: claimed by the request working on it under a lease (as jobs
/// are), linked to the job it created, and once answered, that answer, kept for 24 hours for its repeats.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid WorkspaceId { get; init; }
    public required string Key { get; init; }
    /// <summary>SHA-256 of the request (file and options): a repeat must be the same request.</summary>
    public required string RequestHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The request working on it now; a new one when a retry takes over from a holder that died.</summary>
    public Guid? HolderId { get; set; }
    /// <summary>The holder renews this while it works; once it has passed, the holder is presumed dead.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    /// <summary>The job (or, for several sources, the batch) the request created, written in its own transaction: a retry never makes a second.</summary>
    public Guid? JobId { get; set; }
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
