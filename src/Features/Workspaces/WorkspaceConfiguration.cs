using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Konvrt.Portal.Features.Workspaces;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> workspace)
    {
        workspace.Property(w => w.Name).HasMaxLength(100);
        workspace.Property(w => w.Plan).HasConversion<LowercaseEnumConverter<WorkspacePlan>>().HasMaxLength(16);
        workspace.HasMany(w => w.Members).WithOne().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkspaceMemberConfiguration : IEntityTypeConfiguration<WorkspaceMember>
{
    public void Configure(EntityTypeBuilder<WorkspaceMember> member)
    {
        member.HasKey(m => new { m.WorkspaceId, m.UserId });
        member.HasIndex(m => m.UserId);
        member.Property(m => m.Role).HasConversion<LowercaseEnumConverter<WorkspaceRole>>().HasMaxLength(16);
        member.HasOne<PortalUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkspaceInvitationConfiguration : IEntityTypeConfiguration<WorkspaceInvitation>
{
    public void Configure(EntityTypeBuilder<WorkspaceInvitation> invitation)
    {
        invitation.HasOne<Workspace>().WithMany().HasForeignKey(i => i.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        invitation.Property(i => i.Email).HasMaxLength(256);
        invitation.Property(i => i.Role).HasConversion<LowercaseEnumConverter<WorkspaceRole>>().HasMaxLength(16);
        invitation.Property(i => i.TokenHash).HasMaxLength(32);
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.HasIndex(i => new { i.WorkspaceId, i.CreatedAt });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.HasOne<Workspace>().WithMany().HasForeignKey(e => e.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        entry.Property(e => e.Actor).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Subject).HasMaxLength(512);
        entry.Property(e => e.Detail).HasMaxLength(1024);
        entry.HasIndex(e => new { e.WorkspaceId, e.At });
    }
}
