using Konvrt.Portal.Features.Workspaces;
using System.Text.Json;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Presets;

/// <summary>
/// A workspace's presets beside the built-in ones: listed, found by name, created, replaced and deleted. The
/// built-in names are taken and read-only. Every look-up is scoped to the workspace.
/// </summary>
public sealed class PresetStore(IDbContextFactory<PortalDbContext> contexts, AuditTrail audit, TimeProvider clock)
{
    public abstract record Change;

    public sealed record Saved(PresetView Preset) : Change;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Change;

    public sealed record Conflict(string Reason) : Change;

    /// <summary>A built-in preset: read-only.</summary>
    public sealed record BuiltInRefused(string Reason) : Change;

    public sealed record Missing : Change;

    public async Task<IReadOnlyList<PresetView>> ListAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var own = await db.Set<Preset>().AsNoTracking().Where(preset => preset.WorkspaceId == workspaceId)
            .OrderBy(preset => preset.Name).ToListAsync(cancellationToken);
        return [.. ConversionPreset.All.Select(preset => preset.View), .. own.Select(View)];
    }

    public async Task<PresetView?> FindAsync(Guid workspaceId, string name, CancellationToken cancellationToken) =>
        (await ListAsync(workspaceId, cancellationToken)).FirstOrDefault(preset => preset.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The options of a one-output preset, as canonical fields, for output definitions that borrow them.</summary>
    public static Func<string, IReadOnlyList<KeyValuePair<string, string>>?> OptionsLender(IReadOnlyList<PresetView> presets) => name =>
        presets.FirstOrDefault(preset => preset.IsSingle && preset.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Outputs[0].Options.ToFields();

    /// <summary>Creates (<paramref name="replace"/> false) or replaces a workspace preset: <c>{ name, description, options | outputs }</c>.</summary>
    public async Task<Change> SaveAsync(
        Guid workspaceId, AuditActor actor, string? nameInPath, PresetRequest request, bool replace, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = nameInPath ?? request.Name;
        if (name is null || !OutputDefinition.IsValidName(name))
        {
            errors["name"] = ["is required: 1 to 40 lower-case letters, digits, '-' or '_'."];
        }
        else if (ConversionPreset.All.Any(builtIn => builtIn.Key == name))
        {
            return new BuiltInRefused($"'{name}' is a built-in preset: it cannot be changed; save a copy under another name.");
        }
        if (request.Description?.Length > 500)
        {
            errors["description"] = ["must be at most 500 characters."];
        }
        var outputs = Outputs(request, errors);
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Set<Preset>().SingleOrDefaultAsync(preset => preset.WorkspaceId == workspaceId && preset.Name == name, cancellationToken);
        var json = JsonSerializer.Serialize(outputs.Select(OutputDefinitions.ToJson));
        var now = clock.GetUtcNow();
        if (replace)
        {
            if (existing is null)
            {
                return new Missing();
            }
            existing.Description = request.Description;
            existing.OutputsJson = json;
            existing.UpdatedAt = now;
        }
        else
        {
            if (existing is not null)
            {
                return new Conflict($"This workspace already has a preset '{name}': replace it with PUT.");
            }
            db.Set<Preset>().Add(new Preset { WorkspaceId = workspaceId, Name = name!, Description = request.Description, OutputsJson = json, CreatedAt = now, UpdatedAt = now });
        }
        audit.Add(db, workspaceId, actor, AuditActions.PresetSaved, name!, replace ? "replaced" : "created");
        await db.SaveChangesAsync(cancellationToken);
        return new Saved(new PresetView(name!, request.Description, outputs, BuiltIn: false));
    }

    /// <summary>A preset's outputs: its <c>options</c> as the one output <c>main</c>, or its <c>outputs</c>; a built-in preset may be borrowed by name.</summary>
    private static IReadOnlyList<OutputDefinition> Outputs(PresetRequest request, Dictionary<string, string[]> errors)
    {
        var lender = OptionsLender([.. ConversionPreset.All.Select(preset => preset.View)]);
        if ((request.Options is null) == (request.Outputs is null))
        {
            errors["options"] = ["give either 'options' (one output) or 'outputs' (several), not both nor neither."];
            return [];
        }
        if (request.Options is { } options)
        {
            var fields = options.ToDictionary(pair => pair.Key, pair => OutputDefinitions.Text(pair.Value), StringComparer.OrdinalIgnoreCase);
            fields["name"] = OutputDefinition.DefaultName;
            return OutputDefinitions.Read(fields, lender, "options", errors, OutputDefinition.DefaultName) is { } single ? [single] : [];
        }
        return OutputDefinitions.Parse(
            [.. request.Outputs!.Select(entry => entry is null ? null : (IReadOnlyDictionary<string, string?>)entry.ToDictionary(
                pair => pair.Key, pair => OutputDefinitions.Text(pair.Value), StringComparer.OrdinalIgnoreCase))],
            lender, "outputs", errors);
    }

    /// <summary>False when the workspace has no such preset of its own (a built-in one cannot be deleted).</summary>
    public async Task<bool> DeleteAsync(Guid workspaceId, AuditActor actor, string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var preset = await db.Set<Preset>().SingleOrDefaultAsync(preset => preset.WorkspaceId == workspaceId && preset.Name == name, cancellationToken);
        if (preset is null)
        {
            return false;
        }
        db.Set<Preset>().Remove(preset);
        audit.Add(db, workspaceId, actor, AuditActions.PresetDeleted, name);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static PresetView View(Preset preset)
    {
        var errors = new Dictionary<string, string[]>();
        using var stored = JsonDocument.Parse(preset.OutputsJson);
        var outputs = OutputDefinitions.Parse(stored.RootElement, _ => null, "outputs", errors);
        return errors.Count > 0
            ? throw new InvalidOperationException($"The stored preset '{preset.Name}' does not read back: {string.Join("; ", errors.Keys)}")
            : new PresetView(preset.Name, preset.Description, outputs, BuiltIn: false);
    }
}
