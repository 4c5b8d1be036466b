using Konvrt.Portal.Features.Jobs.Uploads;
using Konvrt.Portal.Features.Jobs.History;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Konvrt.Portal.Features.Jobs;

public static class JobsSetup
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>()
            .Bind(builder.Configuration.GetSection(JobsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<JobEvents>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobLeases>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobProcessor>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<RetentionSweeper>();
        services.AddSingleton<JobHistory>();
        services.AddSingleton<JobStatistics>();
        services.AddSingleton<BrowserConversions>();
        // Billing replaces this with the credit ledger; until then conversions are free.
        services.TryAddSingleton<IJobCharges, FreeOfCharge>();
        services.AddHostedService<JobWorkers>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionSweeper>());
        return builder;
    }
}
