using Konvrt.Portal.Features.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Konvrt.Portal.Features.Storage;

/// <summary>
/// A workspace's own S3-compatible bucket, where conversions store their outputs (the pipeline's Store step).
/// Saved only after a real test write and delete succeeded.
/// </summary>
public sealed class StorageDestination
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public required string Name { get; init; }
    /// <summary>The S3 API's base URL (MinIO, R2, Wasabi, a local server); null for AWS itself, found from the region.</summary>
    public string? Endpoint { get; init; }
    public required string Region { get; init; }
    public required string Bucket { get; init; }
    public required string AccessKeyId { get; init; }
    /// <summary>Encrypted with the data-protection keys: it must be read back to sign, so it cannot be hashed.</summary>
    public required string SecretAccessKeyProtected { get; init; }
    /// <summary>Addresses the bucket as <c>endpoint/bucket/key</c> rather than <c>bucket.endpoint/key</c> (MinIO and most self-hosted servers).</summary>
    public bool ForcePathStyle { get; init; }
    /// <summary>Put before every key this destination stores, e.g. <c>konvrt/</c>.</summary>
    public string? Prefix { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The last successful test write, at creation or from the Storage page's "Test".</summary>
    public DateTimeOffset CheckedAt { get; set; }
    /// <summary>Since when uploads to it fail (null while they succeed): its owners are told once, when it starts.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>The object key a template resolved to, under the destination's prefix.</summary>
    public string KeyFor(string key) => Prefix is { Length: > 0 } prefix ? prefix.TrimEnd('/') + "/" + key : key;
}

internal sealed class StorageDestinationConfiguration : IEntityTypeConfiguration<StorageDestination>
{
    public void Configure(EntityTypeBuilder<StorageDestination> destination)
    {
        destination.ToTable("StorageDestinations");
        destination.HasOne<Workspace>().WithMany().HasForeignKey(d => d.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        destination.Property(d => d.Name).HasMaxLength(40);
        destination.Property(d => d.Endpoint).HasMaxLength(2048);
        destination.Property(d => d.Region).HasMaxLength(64);
        destination.Property(d => d.Bucket).HasMaxLength(255);
        destination.Property(d => d.AccessKeyId).HasMaxLength(256);
        destination.Property(d => d.Prefix).HasMaxLength(512);
        destination.HasIndex(d => new { d.WorkspaceId, d.Name }).IsUnique();
    }
}
