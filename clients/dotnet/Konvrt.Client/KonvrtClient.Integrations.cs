using System.Text.Json;

namespace Konvrt.Client;

public sealed partial class KonvrtClient
{
    public async Task<IReadOnlyList<KonvrtWebhookEndpoint>> ListWebhooksAsync(CancellationToken cancellationToken = default) =>
        await GetAsync("webhooks", KonvrtJson.Default.ListKonvrtWebhookEndpoint, cancellationToken).ConfigureAwait(false);

    public Task<KonvrtWebhookEndpoint> GetWebhookAsync(Guid endpointId, CancellationToken cancellationToken = default) =>
        GetAsync($"webhooks/{endpointId}", KonvrtJson.Default.KonvrtWebhookEndpoint, cancellationToken);

    /// <summary>Adds an endpoint for <paramref name="events"/> (all when null); the answer's secret is shown this once: keep it.</summary>
    public Task<KonvrtWebhookSecret> CreateWebhookAsync(
        Uri url, IReadOnlyList<string>? events = null, string? description = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Post, "webhooks", new KonvrtWebhookChanges(url, description, events, Enabled: true),
            KonvrtJson.Default.KonvrtWebhookChanges, KonvrtJson.Default.KonvrtWebhookSecret, cancellationToken);

    public Task<KonvrtWebhookEndpoint> UpdateWebhookAsync(Guid endpointId, KonvrtWebhookChanges changes, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Patch, $"webhooks/{endpointId}", changes, KonvrtJson.Default.KonvrtWebhookChanges,
            KonvrtJson.Default.KonvrtWebhookEndpoint, cancellationToken);

    public Task DeleteWebhookAsync(Guid endpointId, CancellationToken cancellationToken = default) =>
        SendEmptyAsync(HttpMethod.Delete, $"webhooks/{endpointId}", cancellationToken);

    /// <summary>A new signing secret; the old one keeps signing beside it for 24 hours.</summary>
    public async Task<KonvrtWebhookSecret> RotateWebhookSecretAsync(Guid endpointId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Address($"webhooks/{endpointId}/rotate-secret")), cancellationToken)
            .ConfigureAwait(false);
        return await ReadAsync(response, KonvrtJson.Default.KonvrtWebhookSecret, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The built-in presets and the workspace's own.</summary>
    public async Task<IReadOnlyList<KonvrtPreset>> ListPresetsAsync(CancellationToken cancellationToken = default) =>
        await GetAsync("presets", KonvrtJson.Default.ListKonvrtPreset, cancellationToken).ConfigureAwait(false);

    public Task<KonvrtPreset> GetPresetAsync(string name, CancellationToken cancellationToken = default) =>
        GetAsync($"presets/{Escape(name)}", KonvrtJson.Default.KonvrtPreset, cancellationToken);

    /// <summary>Saves a preset of several named outputs (e.g. a web size and a thumbnail, each with its storage path).</summary>
    public Task<KonvrtPreset> CreatePresetAsync(string name, IReadOnlyList<ConvertOutput> outputs, string? description = null, CancellationToken cancellationToken = default)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["description"] = description,
            ["outputs"] = JsonSerializer.SerializeToElement(outputs.Select(output => output.ToJson()).ToList(), KonvrtJson.Default.ListDictionaryStringObject),
        };
        return SendJsonAsync(HttpMethod.Post, "presets", body, KonvrtJson.Default.DictionaryStringObject, KonvrtJson.Default.KonvrtPreset, cancellationToken);
    }

    /// <summary>Replaces a preset of the workspace with these outputs.</summary>
    public Task<KonvrtPreset> ReplacePresetAsync(string name, IReadOnlyList<ConvertOutput> outputs, string? description = null, CancellationToken cancellationToken = default)
    {
        var body = new Dictionary<string, object?>
        {
            ["description"] = description,
            ["outputs"] = JsonSerializer.SerializeToElement(outputs.Select(output => output.ToJson()).ToList(), KonvrtJson.Default.ListDictionaryStringObject),
        };
        return SendJsonAsync(HttpMethod.Put, $"presets/{Escape(name)}", body, KonvrtJson.Default.DictionaryStringObject, KonvrtJson.Default.KonvrtPreset, cancellationToken);
    }

    public Task DeletePresetAsync(string name, CancellationToken cancellationToken = default) =>
        SendEmptyAsync(HttpMethod.Delete, $"presets/{Escape(name)}", cancellationToken);

    /// <summary>The workspace's storage destinations (never their secrets).</summary>
    public async Task<IReadOnlyList<KonvrtStorageDestination>> ListStorageAsync(CancellationToken cancellationToken = default) =>
        await GetAsync("storage", KonvrtJson.Default.ListKonvrtStorageDestination, cancellationToken).ConfigureAwait(false);

    /// <summary>Adds a bucket; the server writes and deletes a test file in it first, and refuses one it cannot use.</summary>
    public Task<KonvrtStorageDestination> AddStorageAsync(KonvrtNewStorageDestination destination, CancellationToken cancellationToken = default) =>
        SendJsonAsync(HttpMethod.Post, "storage", destination, KonvrtJson.Default.KonvrtNewStorageDestination,
            KonvrtJson.Default.KonvrtStorageDestination, cancellationToken);

    /// <summary>Writes and deletes a test file in the bucket again; a refusal says what the bucket answered.</summary>
    public Task TestStorageAsync(string name, CancellationToken cancellationToken = default) =>
        SendEmptyAsync(HttpMethod.Post, $"storage/{Escape(name)}/test", cancellationToken);

    public Task DeleteStorageAsync(string name, CancellationToken cancellationToken = default) =>
        SendEmptyAsync(HttpMethod.Delete, $"storage/{Escape(name)}", cancellationToken);
}
