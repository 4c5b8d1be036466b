using System.Security.Claims;
using Konvrt.Portal.Features.Workspaces;

namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>
/// Who calls the API: a workspace, through one of its keys, with the role of the member who made the key. Handlers
/// take it as a parameter.
/// </summary>
public sealed record ApiCaller(Guid WorkspaceId, Guid KeyId, WorkspacePlan Plan, WorkspaceRole Role, bool IsTest, string KeyPrefix)
{
    public const string WorkspaceClaim = "konvrt:workspace";
    public const string KeyClaim = "konvrt:api-key";
    public const string PlanClaim = "konvrt:plan";
    public const string RoleClaim = "konvrt:role";
    public const string TestClaim = "konvrt:test";
    public const string PrefixClaim = "konvrt:key-prefix";

    public bool Can(WorkspaceAction permission) => Role.Allows(permission);

    /// <summary>Live keys need a plan with the API; test keys work on every plan.</summary>
    public bool MayCallApi => IsTest || Plan.AllowsLiveApi();

    /// <summary>How the audit log names what this key did.</summary>
    public AuditActor Actor => AuditActor.ApiKey(KeyPrefix);

    public static ApiCaller? From(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(WorkspaceClaim), out var workspace)
        && Guid.TryParse(user.FindFirstValue(KeyClaim), out var key)
        && Enum.TryParse<WorkspacePlan>(user.FindFirstValue(PlanClaim), ignoreCase: true, out var plan)
        && Enum.TryParse<WorkspaceRole>(user.FindFirstValue(RoleClaim), ignoreCase: true, out var role)
            ? new ApiCaller(workspace, key, plan, role, user.HasClaim(TestClaim, "true"), user.FindFirstValue(PrefixClaim) ?? "")
            : null;

    public static ValueTask<ApiCaller?> BindAsync(HttpContext context) => ValueTask.FromResult(From(context.User));

    public IEnumerable<Claim> ToClaims() =>
    [
        new(ClaimTypes.NameIdentifier, $"api-key:{KeyId}"),
        new(WorkspaceClaim, WorkspaceId.ToString()),
        new(KeyClaim, KeyId.ToString()),
        new(PlanClaim, Plan.ToString().ToLowerInvariant()),
        new(RoleClaim, Role.ToString().ToLowerInvariant()),
        new(TestClaim, IsTest ? "true" : "false"),
        new(PrefixClaim, KeyPrefix),
    ];
}
