using Konvrt.Portal.Features.Jobs;

namespace Konvrt.Portal.Features.Webhooks;

public static class WebhooksSetup
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhooksOptions>().Bind(builder.Configuration.GetSection(WebhooksOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
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
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", WebhookEventsDocument.AddTo);
        return builder;
    }
}
