using System.Text.Json;
using Konvrt.Portal.Features.Conversion.Options;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// A job's options as their canonical fields in JSON (<c>{"format":"webp","quality":"80",…}</c>): readable in the
/// database and the history, and read back typed without checking them again.
/// </summary>
internal sealed class StoredOptionsConverter() : ValueConverter<ConversionOptions, string>(
    options => JsonSerializer.Serialize(options.ToFields().ToDictionary(field => field.Key, field => field.Value), JsonSerializerOptions.Default),
    json => ConversionOptionsParser.FromCanonical(JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default)!));
