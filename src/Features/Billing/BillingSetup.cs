using Konvrt.Portal.Features.Jobs;

namespace Konvrt.Portal.Features.Billing;

public static class BillingSetup
{
    public static IHostApplicationBuilder AddBilling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddBillingServices(builder.Configuration);
        builder.Services.AddHostedService(provider => provider.GetRequiredService<LowBalanceAlerts>());
        return builder;
    }

    /// <summary>Billing's services without its background mailer (component tests host no background services).</summary>
    public static IServiceCollection AddBillingServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.Section));
        services.AddSingleton<LowBalanceAlerts>();
        services.AddSingleton<CreditLedger>();
        // Conversions are now metered: the ledger takes the jobs' billing seam.
        services.AddSingleton<IJobCharges>(provider => provider.GetRequiredService<CreditLedger>());
        services.AddSingleton<StripeGateway>();
        services.AddSingleton<StripeWebhookSecrets>();
        services.AddSingleton<StripeEvents>();
        services.AddSingleton<BillingCheckout>();
        services.AddSingleton<BillingHistory>();
        services.AddHttpClient(SimulatedCheckout.HttpClientName);
        return services;
    }

    public static IEndpointRouteBuilder MapBilling(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapStripeWebhook().MapSimulatedCheckout();
}
