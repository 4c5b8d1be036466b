using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Client;

public static class KonvrtServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="KonvrtClient"/> as a typed client of <c>IHttpClientFactory</c> (pooled connections, DNS
    /// refresh), configured by <paramref name="configure"/>; chain the answer to add handlers of your own.
    /// </summary>
    public static IHttpClientBuilder AddKonvrtClient(this IServiceCollection services, Action<KonvrtClientOptions> configure)
    {
        services.AddOptions<KonvrtClientOptions>().Configure(configure).Validate(options =>
        {
            options.Validate();
            return true;
        });
        // Conversions and waits for jobs take as long as they take; the client's own retries and the caller's token bound them.
        return services.AddHttpClient<KonvrtClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
    }
}
