using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.ApiKeys.Contract;
using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Konvrt.Portal.Features.Presets;

/// <summary>
/// <c>/api/v1/presets</c>: the workspace's presets beside the built-in <c>web</c>, <c>thumbnail</c> and
/// <c>avatar</c> (read-only). The portal's Convert and Presets pages read and write the same store.
/// </summary>
public static class PresetsApi
{
    public static RouteGroupBuilder MapPresetsApi(this RouteGroupBuilder api)
    {
        var presets = api.MapGroup("/presets").WithApiTag(new ApiTag("Presets", "Named sets of outputs (e.g. a web size and a thumbnail) to convert with by name."));
        presets.MapGet("/", List).Requires(WorkspaceAction.ViewJobs).WithName("ListPresets").WithSummary("List presets").WithDescription("The built-in presets and the workspace's own.");
        presets.MapGet("/{name}", Get).Requires(WorkspaceAction.ViewJobs).WithName("GetPreset").WithSummary("Get a preset").ProducesProblem(StatusCodes.Status404NotFound);
        presets.MapPost("/", Create).Requires(WorkspaceAction.ManageIntegrations).WithName("CreatePreset")
            .WithSummary("Create a preset").WithDescription("Saves a preset: 'options' for one output, or 'outputs' for a set of named variants (e.g. main + thumb).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        presets.MapPut("/{name}", Replace).Requires(WorkspaceAction.ManageIntegrations).WithName("ReplacePreset").WithSummary("Replace a preset").WithDescription("Replaces a preset of the workspace.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        presets.MapDelete("/{name}", Delete).Requires(WorkspaceAction.ManageIntegrations).WithName("DeletePreset").WithSummary("Delete a preset")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<PresetResponse>>> List(ApiCaller caller, PresetStore presets, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<PresetResponse>>([.. (await presets.ListAsync(caller.WorkspaceId, cancellationToken)).Select(PresetResponse.From)]);

    private static async Task<Results<Ok<PresetResponse>, ProblemHttpResult>> Get(
        string name, ApiCaller caller, PresetStore presets, CancellationToken cancellationToken) =>
        await presets.FindAsync(caller.WorkspaceId, name, cancellationToken) is { } preset ? TypedResults.Ok(PresetResponse.From(preset)) : NotFound(name);

    private static async Task<Results<Created<PresetResponse>, ProblemHttpResult>> Create(
        PresetRequest request, ApiCaller caller, PresetStore presets, HttpRequest http, CancellationToken cancellationToken) =>
        await presets.SaveAsync(caller.WorkspaceId, caller.Actor, nameInPath: null, request, replace: false, cancellationToken) switch
        {
            PresetStore.Saved saved => TypedResults.Created($"{ApiUrls.BaseOf(http)}/presets/{saved.Preset.Name}", PresetResponse.From(saved.Preset)),
            var other => Refusal(other, request.Name ?? ""),
        };

    private static async Task<Results<Ok<PresetResponse>, ProblemHttpResult>> Replace(
        string name, PresetRequest request, ApiCaller caller, PresetStore presets, CancellationToken cancellationToken) =>
        await presets.SaveAsync(caller.WorkspaceId, caller.Actor, name, request, replace: true, cancellationToken) switch
        {
            PresetStore.Saved saved => TypedResults.Ok(PresetResponse.From(saved.Preset)),
            var other => Refusal(other, name),
        };

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, ApiCaller caller, PresetStore presets, CancellationToken cancellationToken)
    {
        if (ConversionPreset.All.Any(builtIn => builtIn.Key == name))
        {
            return ErrorCatalog.PresetReadOnly.Result($"'{name}' is a built-in preset: it cannot be deleted.");
        }
        return await presets.DeleteAsync(caller.WorkspaceId, caller.Actor, name, cancellationToken) ? TypedResults.NoContent() : NotFound(name);
    }

    private static ProblemHttpResult Refusal(PresetStore.Change change, string name) => change switch
    {
        PresetStore.Invalid invalid => ErrorCatalog.InvalidPreset.Result("One or more fields are invalid; each is listed under errors.",
            new Dictionary<string, object?> { ["errors"] = invalid.Errors }),
        PresetStore.BuiltInRefused builtIn => ErrorCatalog.PresetReadOnly.Result(builtIn.Reason),
        PresetStore.Conflict conflict => ErrorCatalog.NameTaken.Result(conflict.Reason),
        _ => NotFound(name),
    };

    private static ProblemHttpResult NotFound(string name) => ErrorCatalog.NotFound.Result($"There is no preset '{name}' in this workspace.");
}
