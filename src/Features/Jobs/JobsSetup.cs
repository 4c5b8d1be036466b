using Konvrt.Portal.Features.Jobs.History;
using Konvrt.Portal.Features.Jobs.Uploads;

namespace Konvrt.Portal.Features.Jobs;

public static class JobsSetup
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddJobServices(builder.Configuration);
        builder.Services.AddHostedService<JobWorkers>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<RetentionSweeper>());
        builder.Services.AddHostedService(provider => provider.GetRequiredService<StragglerNotifier>());
        return builder;
    }

    /// <summary>
    /// The jobs feature's services without its background workers (component tests start those themselves).
    /// What jobs cost comes from billing and who hears of them from webhooks: an <see cref="IJobCharges"/>
    /// and an <see cref="IJobNotifications"/> must be registered too.
    /// </summary>
    public static IServiceCollection AddJobServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>()
            .Bind(configuration.GetSection(JobsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<JobEvents>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobLifecycle>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<Idempotency.IdempotencyStore>();
        services.AddSingleton<JobProcessor>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<RetentionSweeper>();
        services.AddSingleton<StragglerNotifier>();
        services.AddSingleton<JobHistory>();
        services.AddSingleton<JobStatistics>();
        services.AddSingleton<BrowserConversions>();
        return services;
    }
}
