using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Presets;
using Konvrt.Portal.Features.Storage;
using Konvrt.Portal.Infrastructure.Errors;
using Konvrt.Portal.Infrastructure.Outbound;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using System.Text.Json;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// Reads a convert request (multipart or JSON) and checks every part of it before any job exists: its sources,
/// its outputs (by <c>outputs</c>, a <c>preset</c>, or the options beside), its storage destination and that every
/// output's path can be filled for every source. Every problem is reported at once, by field.
/// </summary>
internal static class ConvertRequestChecks
{
    public static async ValueTask<ConvertRequest> BindAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var limits = services.GetRequiredService<IOptions<ConversionLimits>>().Value;
        var maxSources = services.GetRequiredService<IOptions<JobsOptions>>().Value.MaxSourcesPerRequest;
        var cancellationToken = context.RequestAborted;
        if (ApiCaller.From(context.User) is { } notAllowed && !notAllowed.Can(WorkspaceAction.Convert))
        {
            // Said before a byte of the upload is read.
            return new ConvertRequest(PermissionFilter.Refusal(notAllowed));
        }
        (ConvertForm? form, ProblemHttpResult? refusal) read = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType) switch
        {
            true when mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) =>
                await ConvertRequestReader.ReadAsync(context.Request, mediaType, services.GetRequiredService<UploadSpool>(), limits.MaxInputBytes, maxSources, cancellationToken),
            true when mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase) =>
                await ConvertJsonReader.ReadAsync(context.Request, maxSources, cancellationToken),
            _ => (null, UnsupportedMediaType(context.Request.ContentType)),
        };
        if (read.refusal is { } refused)
        {
            return new ConvertRequest(refused);
        }
        var form = read.form!;
        // The spooled files live as long as the request: the jobs are stored from them, then they delete themselves.
        context.Response.RegisterForDisposeAsync(form);

        var caller = ApiCaller.From(context.User) ?? throw new InvalidOperationException("The convert endpoint needs an API caller.");
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var sources = await SourcesAsync(form, services.GetRequiredService<OutboundPolicy>(), errors, cancellationToken);

        var asyncText = form.Field(ConvertRequestFields.Async.Name);
        var async = asyncText.ToLowerInvariant() is "true" or "1";
        if (asyncText.Length > 0 && asyncText.ToLowerInvariant() is not ("true" or "1" or "false" or "0"))
        {
            errors[ConvertRequestFields.Async.Name] = [$"'{asyncText}' is not true or false."];
        }
        var webhookUrl = form.Field(ConvertRequestFields.WebhookUrl.Name) is { Length: > 0 } url ? url : null;
        if (webhookUrl is not null && await services.GetRequiredService<OutboundPolicy>().ProblemWithUrlAsync(webhookUrl, cancellationToken) is { } unusable)
        {
            errors[ConvertRequestFields.WebhookUrl.Name] = [unusable];
        }
        IReadOnlyDictionary<string, string> variables = new Dictionary<string, string>();
        if (form.Field(ConvertRequestFields.Variables.Name) is { Length: > 0 } variablesText)
        {
            if (ConvertVariables.Read(variablesText) is { } given)
            {
                variables = given;
            }
            else
            {
                errors[ConvertRequestFields.Variables.Name] =
                    [$"must be a JSON object of at most {ConvertVariables.MaxVariables} names to text values of at most {ConvertVariables.MaxValueLength} characters."];
            }
        }
        // The workspace's presets are read only by a request that names one (directly or in an output).
        IReadOnlyList<PresetView> presets = form.Field(ConvertRequestFields.Preset.Name).Length > 0 || form.Field(ConvertRequestFields.Outputs.Name).Length > 0
            ? await services.GetRequiredService<PresetStore>().ListAsync(caller.WorkspaceId, cancellationToken)
            : [];
        var outputs = AcceptHeader.Apply(Outputs(form, presets, errors), context.Request.Headers.Accept);
        StorageDestination? storage = null;
        if (form.Field(ConvertRequestFields.Storage.Name) is { Length: > 0 } storageName)
        {
            storage = await services.GetRequiredService<StorageDestinations>().FindAsync(caller.WorkspaceId, storageName, cancellationToken);
            if (storage is null)
            {
                errors[ConvertRequestFields.Storage.Name] = [$"this workspace has no storage destination '{storageName}'; add one with POST /api/v1/storage."];
            }
        }
        CheckPaths(sources, outputs, storage, variables, form.Field(ConvertRequestFields.Storage.Name).Length > 0, errors);

        return errors.Count > 0
            ? new ConvertRequest(ErrorCatalog.InvalidOptions.Result("One or more fields are invalid; each is listed under errors.",
                new Dictionary<string, object?> { ["errors"] = errors }))
            : new ConvertRequest(sources, outputs, storage, variables, async, webhookUrl);
    }

    /// <summary>The request's variables with a source's own over them.</summary>
    public static IReadOnlyDictionary<string, string> VariablesFor(IReadOnlyDictionary<string, string> request, IReadOnlyDictionary<string, string>? source)
    {
        if (source is null)
        {
            return request;
        }
        var merged = new Dictionary<string, string>(request, StringComparer.Ordinal);
        foreach (var (name, value) in source)
        {
            merged[name] = value;
        }
        return merged;
    }

    private static async Task<IReadOnlyList<ConvertRequest.Source>> SourcesAsync(
        ConvertForm form, OutboundPolicy outbound, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var sources = new List<ConvertRequest.Source>();
        foreach (var file in form.Files)
        {
            sources.Add(new ConvertRequest.Source(new UploadedSource(file.FileName, file.Content), null, $"file:{file.Sha256}"));
        }
        foreach (var entry in form.Urls)
        {
            // Checked now so that a mistake is told at once; the fetch checks the address it connects to again.
            var problem = Uri.TryCreate(entry.Url, UriKind.Absolute, out var url)
                ? await outbound.ProblemWithUrlAsync(entry.Url, cancellationToken)
                : "must be an absolute http:// or https:// URL.";
            if (problem is not null)
            {
                errors[entry.Field] = [problem];
                continue;
            }
            var identity = $"url:{url!.AbsoluteUri}" + string.Concat((entry.Variables ?? new Dictionary<string, string>())
                .OrderBy(variable => variable.Key, StringComparer.Ordinal).Select(variable => $"|{variable.Key}={variable.Value}"));
            sources.Add(new ConvertRequest.Source(new UrlSource(url), entry.Variables, identity));
        }
        if (form.Files.Count == 0 && form.Urls.Count == 0)
        {
            errors[ConvertRequestReader.FileField] = ["is required: send the image as a part named 'file', or its address as 'url'."];
        }
        return sources;
    }

    /// <summary>The outputs: <c>outputs</c>, or a <c>preset</c> (with options beside overriding a one-output preset's), or the options as the one output <c>main</c>.</summary>
    private static IReadOnlyList<OutputDefinition> Outputs(ConvertForm form, IReadOnlyList<PresetView> presets, Dictionary<string, string[]> errors)
    {
        var options = form.Fields.Where(field => !ConvertRequestFields.All.Any(own => own.Name.Equals(field.Key, StringComparison.OrdinalIgnoreCase))).ToList();
        var outputsText = form.Field(ConvertRequestFields.Outputs.Name);
        var presetName = form.Field(ConvertRequestFields.Preset.Name);
        if (outputsText.Length > 0)
        {
            if (presetName.Length > 0)
            {
                errors[ConvertRequestFields.Preset.Name] = ["give 'preset' or 'outputs', not both; each output may name its own preset."];
            }
            foreach (var (name, _) in options)
            {
                errors[name] = ["goes inside each output when 'outputs' is given."];
            }
            try
            {
                using var outputs = JsonDocument.Parse(outputsText);
                return OutputDefinitions.Parse(outputs.RootElement, PresetStore.OptionsLender(presets), ConvertRequestFields.Outputs.Name, errors);
            }
            catch (JsonException invalid)
            {
                errors[ConvertRequestFields.Outputs.Name] = [$"is not valid JSON: {invalid.Message}"];
                return [];
            }
        }
        if (presetName.Length > 0)
        {
            var preset = presets.FirstOrDefault(preset => preset.Name.Equals(presetName, StringComparison.OrdinalIgnoreCase));
            if (preset is null)
            {
                errors[ConvertRequestFields.Preset.Name] = [$"this workspace has no preset '{presetName}'; the presets are {string.Join(", ", presets.Select(p => p.Name))}."];
                return [];
            }
            if (!preset.IsSingle)
            {
                foreach (var (name, _) in options)
                {
                    errors[name] = [$"cannot be given beside the preset '{preset.Name}', which makes {preset.Outputs.Count} outputs; change the preset, or send 'outputs'."];
                }
                return preset.Outputs;
            }
            var single = preset.Outputs[0];
            var merged = single.Options.ToFields().Select(field => KeyValuePair.Create(field.Key, (string?)field.Value))
                .Where(field => !options.Any(given => given.Key.Equals(field.Key, StringComparison.OrdinalIgnoreCase)))
                .Concat(options);
            return Parse(merged, errors) is { } overridden ? [single with { Options = overridden }] : [];
        }
        return Parse(options, errors) is { } plain ? JobSubmission.One(plain) : [];
    }

    private static ConversionOptions? Parse(IEnumerable<KeyValuePair<string, string?>> fields, Dictionary<string, string[]> errors)
    {
        try
        {
            return ConversionOptionsParser.Parse(fields);
        }
        catch (InvalidConversionOptionsException invalid)
        {
            foreach (var (name, reasons) in invalid.Errors)
            {
                errors[name] = reasons;
            }
            return null;
        }
    }

    /// <summary>Paths need a destination, and every output's path must fill for every source.</summary>
    private static void CheckPaths(
        IReadOnlyList<ConvertRequest.Source> sources, IReadOnlyList<OutputDefinition> outputs, StorageDestination? storage,
        IReadOnlyDictionary<string, string> variables, bool storageNamed, Dictionary<string, string[]> errors)
    {
        if (!storageNamed && outputs.Any(output => output.Path is not null))
        {
            errors[ConvertRequestFields.Storage.Name] = ["is required when an output has a 'path': name the storage destination the path is in."];
            return;
        }
        if (storage is null)
        {
            return;
        }
        for (var index = 0; index < outputs.Count; index++)
        {
            var output = outputs[index];
            foreach (var source in sources)
            {
                var (_, problem) = StoragePaths.KeyFor(output.Path, Guid.Empty, output.Name, output.Options.Format.Extension(), source.Job.FileName,
                    VariablesFor(variables, source.Variables));
                if (problem is not null)
                {
                    errors[outputs.Count == 1 && output.Path is null ? "path" : $"{ConvertRequestFields.Outputs.Name}[{index}].path"] =
                        [sources.Count > 1 ? $"for the source '{source.Job.FileName}' {problem}" : problem];
                    break;
                }
            }
        }
    }

    private static ProblemHttpResult UnsupportedMediaType(string? contentType) => ErrorCatalog.UnsupportedMediaType.Result(
        $"Send multipart/form-data (the image as a part named '{ConvertRequestReader.FileField}', or its address as '{ConvertRequestReader.UrlField}', " +
        $"and each option as a field) or application/json ({{ \"url\": \"https://…\", <options> }})" +
        (string.IsNullOrEmpty(contentType) ? " (this request has no Content-Type)." : $" (this request is '{contentType}')."));
}
