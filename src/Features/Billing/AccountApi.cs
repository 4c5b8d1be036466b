using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.ApiKeys.Contract;
using Konvrt.Portal.Features.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Billing;

public sealed record AccountResponse(AccountWorkspace Workspace, string Plan, int CreditBalance, AccountRateLimit RateLimit);

public sealed record AccountWorkspace(Guid Id, string Name);

public sealed record AccountRateLimit(int RequestsPerMinute);

/// <summary><c>GET /api/v1/account</c>: the credit account of the key's workspace: its plan, balance and rate limit.</summary>
public static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        api.MapGet("/account", GetAccount).Requires(WorkspaceAction.ViewJobs).WithName("GetAccount").WithApiTag(new ApiTag("Account", "The workspace a key belongs to: plan, credits, rate limit."))
            .WithSummary("Get the account").WithDescription("The key's workspace, plan, credit balance and rate limit.");
        return api;
    }

    private static async Task<Results<Ok<AccountResponse>, NotFound>> GetAccount(
        ApiCaller caller, WorkspaceDirectory workspaces, CreditLedger ledger, IOptions<ApiRateLimits> limits, CancellationToken cancellationToken)
    {
        var workspace = await workspaces.FindAsync(caller.WorkspaceId, cancellationToken);
        if (workspace is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(new AccountResponse(
            new AccountWorkspace(workspace.Id, workspace.Name),
            workspace.Plan.ToString().ToLowerInvariant(),
            await ledger.BalanceAsync(workspace.Id, cancellationToken),
            new AccountRateLimit(caller.IsTest ? limits.Value.Test : limits.Value.For(workspace.Plan))));
    }
}
