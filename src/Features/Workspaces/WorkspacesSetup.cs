using Konvrt.Portal.Features.Accounts;

namespace Konvrt.Portal.Features.Workspaces;

public static class WorkspacesSetup
{
    public static IHostApplicationBuilder AddWorkspaces(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WorkspaceDirectory>();
        builder.Services.AddSingleton<OwnerNotices>();
        // Every account gets its personal workspace in the transaction that creates it.
        builder.Services.AddScoped<IAccountLifecycleHooks, PersonalWorkspaces>();
        builder.Services.AddScoped<CurrentCaller>();
        return builder;
    }
}
