using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Konvrt.Portal.Infrastructure.Database;

/// <summary>What a database error means, whichever provider raised it.</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteFull = 13;

    /// <summary>
    /// Another writer inserted the same key first. SQLite's writers take turns, so there it only follows a check
    /// made outside the transaction; PostgreSQL's run side by side, so two first-uses of one key do meet here.
    /// </summary>
    public static bool IsUniqueViolation(Exception exception) => Causes(exception).Any(cause =>
        cause is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        || cause is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey });

    /// <summary>The database could not answer in time but will (SQLite's busy timeout, PostgreSQL's transient failures): worth a retry.</summary>
    public static bool IsBusy(Exception exception) => Causes(exception).Any(cause =>
        cause is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }
        || cause is NpgsqlException { IsTransient: true });

    /// <summary>SQLite's "database or disk is full", or PostgreSQL's disk full.</summary>
    public static bool IsFull(Exception exception) => Causes(exception).Any(cause =>
        cause is SqliteException { SqliteErrorCode: SqliteFull }
        || cause is PostgresException { SqlState: PostgresErrorCodes.DiskFull });

    /// <summary>
    /// Inserts <paramref name="entity"/> inside the current transaction unless a row with its key is already there
    /// (or is being inserted by a transaction that then commits): true when this call inserted it. A savepoint keeps
    /// the rest of the transaction alive when the insert loses.
    /// </summary>
    public static async Task<bool> TryInsertAsync<T>(this PortalDbContext db, T entity, CancellationToken cancellationToken) where T : class
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("TryInsertAsync runs inside a transaction: its savepoint needs one.");
        const string savepoint = "try_insert";
        await transaction.CreateSavepointAsync(savepoint, cancellationToken);
        db.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);
            db.Entry(entity).State = EntityState.Detached;
            return false;
        }
    }

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            yield return cause;
        }
    }
}
