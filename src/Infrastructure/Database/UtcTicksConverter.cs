using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Konvrt.Portal.Infrastructure.Database;

internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
