namespace Konvrt.Portal.Features.Jobs;

/// <summary>A worker's claim on a job: valid while the job's lease version still equals <see cref="Version"/>.</summary>
public sealed record JobLease(Guid JobId, string Owner, int Version);
