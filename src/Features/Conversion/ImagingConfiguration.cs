using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;

namespace Konvrt.Portal.Features.Conversion;

/// <summary>
/// The engine's own ImageSharp configuration: an allocator capped at <see cref="ConversionLimits.MaxMemoryMegabytes"/>
/// (so no single upload can take the process down) and streams read from where the caller left them.
/// </summary>
public sealed class ImagingConfiguration
{
    public ImagingConfiguration(IOptions<ConversionLimits> limits)
    {
        var configuration = Configuration.Default.Clone();
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
        {
            AccumulativeAllocationLimitMegabytes = limits.Value.MaxMemoryMegabytes,
        });
        configuration.ReadOrigin = ReadOrigin.Current;
        Configuration = configuration;
    }

    public Configuration Configuration { get; }
}
