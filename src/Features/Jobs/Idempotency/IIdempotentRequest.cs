namespace Konvrt.Portal.Features.Jobs.Idempotency;

/// <summary>A request an <see cref="IdempotencyFilter"/> can make safe to repeat: one that says what makes it the same request.</summary>
public interface IIdempotentRequest
{
    /// <summary>Refused before any work (a malformed body): nothing to remember under the key.</summary>
    bool Refused { get; }

    /// <summary>A digest of everything that makes two requests the same request.</summary>
    string Hash();
}

/// <summary>Told to the handler by the filter: it holds the key, and an earlier holder may already have made the job.</summary>
public sealed record IdempotentWork(IdempotencyHold Hold, Guid? EarlierJobId);
