using Konvrt.Portal.Features.Jobs.History;
using Konvrt.Portal.Features.Jobs.Uploads;

namespace Konvrt.Portal.Features.Jobs;

public static class JobsSetup
{
    /// <summary>
    /// The jobs feature. What jobs cost comes from billing and who hears of them from webhooks: an
    /// <see cref="IJobCharges"/> and an <see cref="IJobNotifications"/> must be registered too.
    /// </summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>()
            .Bind(builder.Configuration.GetSection(JobsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<JobEvents>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobLifecycle>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<Idempotency.IdempotencyStore>();
        services.AddSingleton<JobCache>();
        services.AddSingleton<SourceFetcher>();
        services.AddSingleton<OutputStorage>();
        services.AddSingleton<StoreRetries>();
        services.AddSingleton<JobProcessor>();
        services.AddSingleton<QueueMonitor>();
        services.AddSingleton<FinishedJobs>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<Workspaces.IWorkspaceCleanup, JobFilesCleanup>();
        services.AddSingleton<RetentionSweeper>();
        services.AddSingleton<StragglerNotifier>();
        services.AddSingleton<JobHistory>();
        services.AddSingleton<JobStatistics>();
        services.AddSingleton<BrowserConversions>();
        services.AddScoped<RememberedConvertSettings>();
        services.AddHostedService<JobWorkers>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionSweeper>());
        services.AddHostedService(provider => provider.GetRequiredService<StragglerNotifier>());
        services.AddHostedService(provider => provider.GetRequiredService<StoreRetries>());
        return builder;
    }
}
