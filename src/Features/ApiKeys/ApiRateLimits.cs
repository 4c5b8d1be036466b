using System.ComponentModel.DataAnnotations;
using Konvrt.Portal.Features.Workspaces;

namespace Konvrt.Portal.Features.ApiKeys;

/// <summary><c>Api:RateLimits</c>: requests per minute per workspace (all its keys together), by plan.</summary>
public sealed class ApiRateLimits
{
    public const string Section = "Api:RateLimits";

    [Range(1, 1_000_000)]
    public int Free { get; set; } = 60;

    [Range(1, 1_000_000)]
    public int Pro { get; set; } = 60;

    [Range(1, 1_000_000)]
    public int Team { get; set; } = 60;

    /// <summary>Test keys, per workspace: counted apart from its live keys, so trying things never eats production's share.</summary>
    [Range(1, 1_000_000)]
    public int Test { get; set; } = 10;

    /// <summary>Requests without a valid key, per client address.</summary>
    [Range(1, 1_000_000)]
    public int Anonymous { get; set; } = 60;

    public int For(WorkspacePlan plan) => plan switch
    {
        WorkspacePlan.Pro => Pro,
        WorkspacePlan.Team => Team,
        _ => Free,
    };
}
