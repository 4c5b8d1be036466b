using Konvrt.Portal.Features.Accounts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Infrastructure.Database;

/// <summary>The portal's model, on SQLite as it is; <see cref="PostgresPortalDbContext"/> is the same model on PostgreSQL.</summary>
public class PortalDbContext : IdentityDbContext<PortalUser, IdentityRole, string>, IDataProtectionKeyContext
{
    public PortalDbContext(DbContextOptions<PortalDbContext> options)
        : base(options)
    {
    }

    /// <summary>For <see cref="PostgresPortalDbContext"/>, whose options are its own.</summary>
    protected PortalDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Data-protection keys: every instance reads the cookies and tokens any other instance wrote.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Features.Workspaces.Workspace> Workspaces => Set<Features.Workspaces.Workspace>();
    public DbSet<Features.Workspaces.WorkspaceMember> WorkspaceMembers => Set<Features.Workspaces.WorkspaceMember>();
    public DbSet<Features.Workspaces.WorkspaceInvitation> WorkspaceInvitations => Set<Features.Workspaces.WorkspaceInvitation>();
    public DbSet<Features.Workspaces.AuditEntry> AuditEntries => Set<Features.Workspaces.AuditEntry>();
    public DbSet<Features.Jobs.ConversionJob> Jobs => Set<Features.Jobs.ConversionJob>();
    public DbSet<Features.ApiKeys.ApiKey> ApiKeys => Set<Features.ApiKeys.ApiKey>();
    public DbSet<Features.Jobs.Idempotency.IdempotencyRecord> IdempotencyRecords => Set<Features.Jobs.Idempotency.IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no native DateTimeOffset: stored as UTC ticks, timestamps sort and compare in SQL. PostgreSQL
        // keeps the same ticks, so every query means the same on both providers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
