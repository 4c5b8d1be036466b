using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Konvrt.Portal.Features.Jobs;

internal sealed class ConversionJobConfiguration : IEntityTypeConfiguration<ConversionJob>
{
    public void Configure(EntityTypeBuilder<ConversionJob> job)
    {
        job.ToTable("ConversionJobs");
        job.HasOne<Workspace>().WithMany().HasForeignKey(j => j.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        job.Property(j => j.Status).HasConversion<LowercaseEnumConverter<JobStatus>>().HasMaxLength(16);
        job.Property(j => j.Origin).HasConversion<LowercaseEnumConverter<JobOrigin>>().HasMaxLength(16);
        job.Property(j => j.SourceFileName).HasMaxLength(255);
        job.Property(j => j.InputSha256).HasMaxLength(64);
        job.Property(j => j.ErrorCode).HasMaxLength(64);
        job.Property(j => j.WebhookUrl).HasMaxLength(2048);
        job.Property(j => j.Options).HasColumnName("OptionsJson").HasConversion(new StoredOptionsConverter());

        // History pages: a workspace's jobs, newest first.
        job.HasIndex(j => new { j.WorkspaceId, j.CreatedAt });
        // Workers: what can be claimed next.
        job.HasIndex(j => new { j.Status, j.AvailableAt });
        // The result cache: same bytes, same options, same workspace.
        job.HasIndex(j => new { j.WorkspaceId, j.InputSha256, j.OptionsNormalized });
        // The retention sweeper.
        job.HasIndex(j => new { j.ExpiredAt, j.ExpiresAt });
    }
}
