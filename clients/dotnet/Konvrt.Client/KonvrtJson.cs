using System.Text.Json;
using System.Text.Json.Serialization;

namespace Konvrt.Client;

/// <summary>The API's JSON (camelCase), generated at build time: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KonvrtProblem))]
[JsonSerializable(typeof(KonvrtJob))]
[JsonSerializable(typeof(KonvrtBatch))]
[JsonSerializable(typeof(KonvrtJobPage))]
[JsonSerializable(typeof(KonvrtAccount))]
[JsonSerializable(typeof(KonvrtWebhookEndpoint))]
[JsonSerializable(typeof(List<KonvrtWebhookEndpoint>))]
[JsonSerializable(typeof(KonvrtWebhookSecret))]
[JsonSerializable(typeof(KonvrtWebhookChanges))]
[JsonSerializable(typeof(KonvrtPreset))]
[JsonSerializable(typeof(List<KonvrtPreset>))]
[JsonSerializable(typeof(KonvrtStorageDestination))]
[JsonSerializable(typeof(List<KonvrtStorageDestination>))]
[JsonSerializable(typeof(KonvrtNewStorageDestination))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(List<Dictionary<string, object?>>))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class KonvrtJson : JsonSerializerContext;
