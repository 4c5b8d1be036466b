using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>
/// Tells a page who the signed-in caller is and which workspace they act in. Never cached: an interactive page lives
/// for a whole circuit, and a member removed or demoted meanwhile must lose what they lost on their next action.
/// </summary>
public sealed class CurrentCaller(AuthenticationStateProvider authentication, WorkspaceDirectory workspaces, NavigationManager navigation)
{
    public async Task<Caller?> GetAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var userId = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is null ? null : await workspaces.FindCallerAsync(userId, cancellationToken);
    }

    /// <summary>The query parameter that tells the layout which workspace the user was just removed from.</summary>
    public const string LostWorkspaceParameter = "lost";

    /// <summary>
    /// For a page action: the caller as they are now, when they are still in the workspace the page shows and their
    /// role allows <paramref name="action"/>. Otherwise null, and the page reloads as they now are: in their personal
    /// workspace after a removal (the layout says which workspace they lost), without the button after a demotion.
    /// </summary>
    public async Task<Caller?> RequireAsync(Caller? shown, WorkspaceAction action, CancellationToken cancellationToken = default)
    {
        var now = await GetAsync(cancellationToken);
        if (shown is not null && now is not null && now.WorkspaceId == shown.WorkspaceId && now.Can(action))
        {
            return now;
        }
        if (shown is not null && now?.WorkspaceId != shown.WorkspaceId)
        {
            navigation.NavigateTo(navigation.GetUriWithQueryParameter(LostWorkspaceParameter, shown.WorkspaceName), forceLoad: true);
        }
        else
        {
            navigation.Refresh(forceReload: true);
        }
        return null;
    }
}
