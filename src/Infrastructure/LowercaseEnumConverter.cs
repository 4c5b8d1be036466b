using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Konvrt.Portal.Infrastructure;

/// <summary>Stores an enum as the lowercase word the API, the CLI and the database all share (<c>free</c>, <c>owner</c>).</summary>
public sealed class LowercaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => value.ToString().ToLowerInvariant(),
    text => Enum.Parse<TEnum>(text, true))
    where TEnum : struct, Enum;
