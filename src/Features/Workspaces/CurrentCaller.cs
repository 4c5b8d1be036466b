using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>
/// Tells a page who the signed-in caller is and which workspace they act in. Scoped: one per request,
/// or one per circuit for interactive pages, which is why the answer is cached here.
/// </summary>
public sealed class CurrentCaller(AuthenticationStateProvider authentication, WorkspaceDirectory workspaces)
{
    private Caller? caller;

    public async Task<Caller?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (caller is not null)
        {
            return caller;
        }
        var state = await authentication.GetAuthenticationStateAsync();
        var userId = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }
        caller = await workspaces.FindCallerAsync(userId, cancellationToken);
        return caller;
    }

    /// <summary>Forget the cached answer, after the workspace itself changed (its plan, its name).</summary>
    public void Refresh() => caller = null;
}
