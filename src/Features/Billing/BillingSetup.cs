using Konvrt.Portal.Features.Jobs;

namespace Konvrt.Portal.Features.Billing;

public static class BillingSetup
{
    public static IHostApplicationBuilder AddBilling(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
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
        services.AddHostedService(provider => provider.GetRequiredService<LowBalanceAlerts>());
        return builder;
    }

    public static IEndpointRouteBuilder MapBilling(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapStripeWebhook().MapSimulatedCheckout();
}
