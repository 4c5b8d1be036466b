namespace Konvrt.Portal.Features.Workspaces;

public static class WorkspacesSetup
{
    public static IHostApplicationBuilder AddWorkspaces(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WorkspaceDirectory>();
        builder.Services.AddScoped<CurrentCaller>();
        return builder;
    }
}
