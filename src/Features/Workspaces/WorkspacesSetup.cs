using Konvrt.Portal.Features.Accounts;

namespace Konvrt.Portal.Features.Workspaces;

public static class WorkspacesSetup
{
    public static IHostApplicationBuilder AddWorkspaces(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<WorkspaceDirectory>();
        builder.Services.AddSingleton<TeamMembers>();
        builder.Services.AddSingleton<InvitationMail>();
        builder.Services.AddSingleton<Invitations>();
        builder.Services.AddSingleton<OwnerNotices>();
        // Every account gets its personal workspace in the transaction that creates it.
        builder.Services.AddScoped<IAccountLifecycleHooks, PersonalWorkspaces>();
        builder.Services.AddScoped<CurrentCaller>();
        return builder;
    }
}
