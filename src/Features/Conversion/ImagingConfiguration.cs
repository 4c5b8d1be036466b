using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Memory;

namespace Konvrt.Portal.Features.Conversion;

/// <summary>
/// The engine's own ImageSharp configuration: an allocator capped at <see cref="ConversionLimits.MaxMemoryMegabytes"/>
/// (so no single upload can take the process down), streams read from where the caller left them, and each
/// frame in one buffer.
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
        // One buffer per frame lets the encoders read the pixels in place (VipsHandOver) instead of copying them.
        configuration.PreferContiguousImageBuffers = true;
        Configuration = configuration;
    }

    public Configuration Configuration { get; }
}
