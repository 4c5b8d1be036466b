namespace Konvrt.Portal.Features.Conversion;

/// <summary>
/// Bounds how many conversions decode at once (<c>Conversion:MaxConcurrency</c>, default one per
/// core): beyond that, more work in parallel only adds memory, not speed.
/// </summary>
public sealed class ConversionGate(int maxConcurrency) : IDisposable
{
    private readonly SemaphoreSlim slots = new(maxConcurrency, maxConcurrency);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        return new Turn(slots);
    }

    public void Dispose() => slots.Dispose();

    private sealed class Turn(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
