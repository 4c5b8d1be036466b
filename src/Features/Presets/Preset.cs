using Konvrt.Portal.Features.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Konvrt.Portal.Features.Presets;

/// <summary>A workspace's named set of outputs (one, for a plain preset), used by the API and the portal alike.</summary>
public sealed class Preset
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public required string Name { get; init; }
    public string? Description { get; set; }
    /// <summary>The outputs as their canonical definitions (JSON): each a name, the options' canonical fields and a path.</summary>
    public required string OutputsJson { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class PresetConfiguration : IEntityTypeConfiguration<Preset>
{
    public void Configure(EntityTypeBuilder<Preset> preset)
    {
        preset.ToTable("Presets");
        preset.HasOne<Workspace>().WithMany().HasForeignKey(p => p.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        preset.Property(p => p.Name).HasMaxLength(40);
        preset.Property(p => p.Description).HasMaxLength(500);
        preset.HasIndex(p => new { p.WorkspaceId, p.Name }).IsUnique();
    }
}
