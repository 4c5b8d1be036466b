using Konvrt.Portal.Features.Jobs;

namespace Konvrt.Portal.Features.Webhooks;

public static class WebhooksSetup
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWebhookServices(builder.Configuration);
        builder.Services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        return builder;
    }

    /// <summary>Webhooks' services without the dispatcher's background loop (component tests host none).</summary>
    public static IServiceCollection AddWebhookServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhooksOptions>().Bind(configuration.GetSection(WebhooksOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookHttp>();
        services.AddSingleton<WebhookSecretStore>();
        services.AddSingleton<WebhookEndpoints>();
        services.AddSingleton<WebhookOutbox>();
        // Finished jobs are announced through the outbox: the webhooks feature takes the jobs' Notify seam.
        services.AddSingleton<IJobNotifications>(provider => provider.GetRequiredService<WebhookOutbox>());
        // ... and tells of low credits through Billing's seam.
        services.AddSingleton<Billing.ILowBalanceSubscriber>(provider => provider.GetRequiredService<WebhookOutbox>());
        services.AddSingleton<WebhookDelivery>();
        services.AddSingleton<WebhookDispatcher>();
        return services;
    }
}
