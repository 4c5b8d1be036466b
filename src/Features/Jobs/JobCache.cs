using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// The result cache, per output: the same bytes in the same workspace asked for with the same options as an
/// earlier job's output that is still kept share that output. A cached output is free; the job expires no later
/// than the outputs it shares, so it never points at a file the sweeper has deleted.
/// </summary>
public sealed class JobCache(IDbContextFactory<PortalDbContext> contexts, IBlobStore blobs, TimeProvider clock)
{
    /// <summary>Fills every output (test jobs only from test jobs, whose outputs are capped) of <paramref name="job"/> (its input known) that an earlier output can serve.</summary>
    public async Task ApplyAsync(ConversionJob job, CancellationToken cancellationToken)
    {
        var wanted = job.Outputs.Where(output => !output.IsMade).Select(output => output.OptionsNormalized).Distinct().ToList();
        if (wanted.Count == 0 || job.InputSha256.Length == 0)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A minute's margin: never point at an output the sweeper is about to delete.
        var keptUntil = clock.GetUtcNow().AddMinutes(1);
        var earlier = await (
            from output in db.Set<JobOutput>()
            join other in db.Jobs on output.JobId equals other.Id
            where other.WorkspaceId == job.WorkspaceId && other.IsTest == job.IsTest && other.InputSha256 == job.InputSha256 && other.Id != job.Id
                && other.Status == JobStatus.Completed && other.ExpiresAt > keptUntil
                && output.Blob != null && !output.Cached && wanted.Contains(output.OptionsNormalized)
            orderby other.ExpiresAt descending
            select new { output.OptionsNormalized, output.Blob, output.Format, output.Width, output.Height, output.Bytes, output.Quality, JobId = other.Id, other.ExpiresAt })
            .AsNoTracking().ToListAsync(cancellationToken);
        foreach (var output in job.Outputs.Where(output => !output.IsMade))
        {
            foreach (var candidate in earlier.Where(candidate => candidate.OptionsNormalized == output.OptionsNormalized))
            {
                if (!await blobs.ExistsAsync(candidate.Blob!, cancellationToken))
                {
                    continue;
                }
                output.Blob = candidate.Blob;
                output.Format = candidate.Format;
                output.Width = candidate.Width;
                output.Height = candidate.Height;
                output.Bytes = candidate.Bytes;
                output.Quality = candidate.Quality;
                output.Cached = true;
                output.CachedFromJobId = candidate.JobId;
                job.ExpiresAt = candidate.ExpiresAt < job.ExpiresAt ? candidate.ExpiresAt : job.ExpiresAt;
                break;
            }
        }
    }
}
