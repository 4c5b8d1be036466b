using Konvrt.Portal.Infrastructure.Telemetry;
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
        job.Property(j => j.TraceParent).HasMaxLength(KonvrtTracing.MaxTraceParentLength);
        job.Property(j => j.WebhookUrl).HasMaxLength(2048);
        job.Property(j => j.SourceUrl).HasMaxLength(2048);
        job.Property(j => j.StorageName).HasMaxLength(40);
        job.HasOne<Batch>().WithMany().HasForeignKey(j => j.BatchId).OnDelete(DeleteBehavior.Cascade);
        // A job is never read without what it made.
        job.HasMany(j => j.Outputs).WithOne().HasForeignKey(o => o.JobId).OnDelete(DeleteBehavior.Cascade);
        job.Navigation(j => j.Outputs).AutoInclude();

        // History pages: a workspace's jobs, newest first.
        job.HasIndex(j => new { j.WorkspaceId, j.CreatedAt });
        // Workers: what can be claimed next.
        job.HasIndex(j => new { j.Status, j.AvailableAt });
        // The result cache: same bytes in the same workspace (then the same options, on the outputs).
        job.HasIndex(j => new { j.WorkspaceId, j.InputSha256 });
        // The retention sweeper.
        job.HasIndex(j => new { j.ExpiredAt, j.ExpiresAt });
    }
}

internal sealed class JobOutputConfiguration : IEntityTypeConfiguration<JobOutput>
{
    public void Configure(EntityTypeBuilder<JobOutput> output)
    {
        output.ToTable("JobOutputs");
        output.HasKey(o => new { o.JobId, o.Index });
        output.HasIndex(o => new { o.JobId, o.Name }).IsUnique();
        output.Property(o => o.Name).HasMaxLength(40);
        output.Property(o => o.Options).HasColumnName("OptionsJson").HasConversion(new StoredOptionsConverter());
        output.Property(o => o.Format).HasMaxLength(16);
        output.Property(o => o.StorageKey).HasMaxLength(1100);
        output.Property(o => o.StoreStatus).HasConversion<LowercaseEnumConverter<StoreStatus>>().HasMaxLength(16);
        output.Property(o => o.StoreError).HasMaxLength(1000);
        // The Store step's retries: what is due.
        output.HasIndex(o => new { o.StoreStatus, o.StoreNextAttemptAt });
        output.HasIndex(o => o.OptionsNormalized);
    }
}
