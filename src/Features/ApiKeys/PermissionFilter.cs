using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>Every API endpoint names what it needs; a key whose maker's role lacks it gets 403 <c>role-forbidden</c>.</summary>
public static class PermissionFilter
{
    public static TBuilder Requires<TBuilder>(this TBuilder builder, WorkspaceAction action)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequiredAction(action));
        return builder.AddEndpointFilter(async (context, next) =>
            ApiCaller.From(context.HttpContext.User) is { } caller && !caller.Can(action)
                ? Refusal(caller)
                : await next(context));
    }

    public static ProblemHttpResult Refusal(ApiCaller caller) => ErrorCatalog.RoleForbidden.Result(
        $"This key acts with the {caller.Role.Label()} role of the member who made it, which does not allow this.");
}

/// <summary>What an endpoint needs, for the test that every API endpoint declares one.</summary>
public sealed record RequiredAction(WorkspaceAction Permission);
