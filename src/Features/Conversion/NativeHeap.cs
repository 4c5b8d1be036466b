using System.Runtime.InteropServices;

namespace Konvrt.Portal.Features.Conversion;

/// <summary>
/// glibc gives every thread that mallocs its own arena (up to 8 per core), and the native decoders (libheif,
/// libwebp) free tens of megabytes per image into whichever arena their thread had: the freed memory stays
/// resident, scattered. Started with <c>MALLOC_ARENA_MAX=2</c> (README, launchSettings.json), a 12 MP HEIC
/// conversion peaks at 199 MB instead of 357 MB, for no measurable time (docs/benchmarks.md). Asked here, as the
/// assembly loads, it still brings that peak to about 280 MB: the runtime's first threads already hold arenas of
/// their own by then. The variable, when set, wins; elsewhere (musl, macOS, Windows) there is nothing to do.
/// </summary>
internal static partial class NativeHeap
{
    private const int ArenaMaxParameter = -8;
    private const int Arenas = 2;

    /// <summary>As the assembly loads, before the threads that convert have taken arenas of their own.</summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void LimitArenas()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return;
        }
        try
        {
            _ = SetMallocOption(ArenaMaxParameter, Arenas);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: its allocator has no arenas to limit.
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int SetMallocOption(int parameter, int value);
}
