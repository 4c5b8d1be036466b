using System.Security.Claims;
using Konvrt.Portal.Features.Workspaces;

namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>Who calls the API: a workspace, through one of its keys. Handlers take it as a parameter.</summary>
public sealed record ApiCaller(Guid WorkspaceId, Guid KeyId, WorkspacePlan Plan)
{
    public const string WorkspaceClaim = "konvrt:workspace";
    public const string KeyClaim = "konvrt:api-key";
    public const string PlanClaim = "konvrt:plan";

    public static ApiCaller? From(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(WorkspaceClaim), out var workspace)
        && Guid.TryParse(user.FindFirstValue(KeyClaim), out var key)
        && Enum.TryParse<WorkspacePlan>(user.FindFirstValue(PlanClaim), ignoreCase: true, out var plan)
            ? new ApiCaller(workspace, key, plan)
            : null;

    public static ValueTask<ApiCaller?> BindAsync(HttpContext context) => ValueTask.FromResult(From(context.User));

    public IEnumerable<Claim> ToClaims() =>
    [
        new(ClaimTypes.NameIdentifier, $"api-key:{KeyId}"),
        new(WorkspaceClaim, WorkspaceId.ToString()),
        new(KeyClaim, KeyId.ToString()),
        new(PlanClaim, Plan.ToString().ToLowerInvariant()),
    ];
}
