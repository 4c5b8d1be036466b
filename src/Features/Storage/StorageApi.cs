using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.ApiKeys.Contract;
using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Konvrt.Portal.Features.Storage;

/// <summary><c>/api/v1/storage</c>: the workspace's own buckets, where conversions that name one store their outputs.</summary>
public static class StorageApi
{
    public static RouteGroupBuilder MapStorageApi(this RouteGroupBuilder api)
    {
        var storage = api.MapGroup("/storage").WithApiTag(new ApiTag("Storage", "The workspace's own S3-compatible buckets, where outputs can be stored.")).Requires(WorkspaceAction.ManageIntegrations);
        storage.MapGet("/", List).WithName("ListStorage").WithSummary("List storage destinations").WithDescription("The workspace's storage destinations (never their secrets).");
        storage.MapPost("/", Add).WithName("AddStorage")
            .WithSummary("Add a storage destination").WithDescription("Adds an S3-compatible destination after writing and deleting a test file in it.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        storage.MapPost("/{name}/test", Test).WithName("TestStorage").WithSummary("Test a storage destination").WithDescription("Writes and deletes a test file again.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        storage.MapDelete("/{name}", Delete).WithName("DeleteStorage").WithSummary("Delete a storage destination").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<StorageResponse>>> List(ApiCaller caller, StorageDestinations destinations, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<StorageResponse>>([.. (await destinations.ListAsync(caller.WorkspaceId, cancellationToken)).Select(StorageResponse.From)]);

    private static async Task<Results<Created<StorageResponse>, ProblemHttpResult>> Add(
        StorageRequest request, ApiCaller caller, StorageDestinations destinations, HttpRequest http, CancellationToken cancellationToken) =>
        await destinations.AddAsync(caller.WorkspaceId, caller.Actor, request, cancellationToken) switch
        {
            StorageDestinations.Added added => TypedResults.Created($"{ApiUrls.BaseOf(http)}/storage/{added.Destination.Name}", StorageResponse.From(added.Destination)),
            StorageDestinations.Invalid invalid => ErrorCatalog.InvalidStorage.Result("One or more fields are invalid; each is listed under errors.",
                new Dictionary<string, object?> { ["errors"] = invalid.Errors }),
            StorageDestinations.Taken taken => ErrorCatalog.NameTaken.Result(taken.Reason),
            StorageDestinations.CheckFailed failed => CheckFailed(failed.Failure),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };

    private static async Task<Results<NoContent, ProblemHttpResult>> Test(
        string name, ApiCaller caller, StorageDestinations destinations, CancellationToken cancellationToken) =>
        await destinations.TestAsync(caller.WorkspaceId, name, cancellationToken) switch
        {
            (false, _) => NotFound(name),
            (true, { } failure) => CheckFailed(failure),
            _ => TypedResults.NoContent(),
        };

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, ApiCaller caller, StorageDestinations destinations, CancellationToken cancellationToken) =>
        await destinations.DeleteAsync(caller.WorkspaceId, caller.Actor, name, cancellationToken) ? TypedResults.NoContent() : NotFound(name);

    /// <summary>422 whose <c>failed</c> says what to fix: <c>credentials</c>, <c>bucket</c> or <c>endpoint</c>.</summary>
    private static ProblemHttpResult CheckFailed(StorageFailureException failure) => ErrorCatalog.StorageCheckFailed.Result(failure.Message,
        new Dictionary<string, object?> { ["failed"] = failure.Kind.ToString().ToLowerInvariant() });

    private static ProblemHttpResult NotFound(string name) => ErrorCatalog.NotFound.Result($"There is no storage destination '{name}' in this workspace.");
}
