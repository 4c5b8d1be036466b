namespace Konvrt.Portal.Infrastructure.Outbound;

public static class OutboundSetup
{
    public static IServiceCollection AddOutboundPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboundOptions>()
            .Bind(configuration.GetSection(OutboundOptions.Section))
            // The setting's first name, from when only webhooks went out: it still opens private networks.
            .PostConfigure(options => options.AllowPrivateNetworks |= configuration.GetValue<bool>("Webhooks:AllowPrivateNetworks"));
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<OutboundPolicy>();
        return services;
    }
}
