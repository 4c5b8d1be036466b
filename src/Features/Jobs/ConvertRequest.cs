using System.Security.Cryptography;
using System.Text;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Jobs.Idempotency;
using Konvrt.Portal.Features.Presets;
using Konvrt.Portal.Features.Storage;
using Konvrt.Portal.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// <c>POST /convert</c>'s body, read and checked before the handler runs, so the endpoint's filters see the
/// request it is (idempotency hashes it). Either <see cref="Refusal"/> says what is wrong with it, or it is one or
/// more sources (files, URLs), the outputs to make of each, and where to store them.
/// </summary>
public sealed class ConvertRequest : IIdempotentRequest
{
    /// <param name="Identity">What makes it this source for idempotency: the file's hash, or the URL and its variables.</param>
    public sealed record Source(JobSource Job, IReadOnlyDictionary<string, string>? Variables, string Identity);

    internal ConvertRequest(ProblemHttpResult refusal) => Refusal = refusal;

    internal ConvertRequest(
        IReadOnlyList<Source> sources, IReadOnlyList<OutputDefinition> outputs, StorageDestination? storage,
        IReadOnlyDictionary<string, string> variables, bool async, string? webhookUrl)
    {
        Sources = sources;
        Outputs = outputs;
        Storage = storage;
        Variables = variables;
        Async = async;
        WebhookUrl = webhookUrl;
    }

    public ProblemHttpResult? Refusal { get; }

    public IReadOnlyList<Source> Sources { get; } = [];

    public IReadOnlyList<OutputDefinition> Outputs { get; } = [];

    public StorageDestination? Storage { get; }

    public IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>();

    public bool Async { get; }

    public string? WebhookUrl { get; }

    public bool Refused => Refusal is not null;

    /// <summary>Several sources: the answer is a batch.</summary>
    public bool IsBatch => Sources.Count > 1;

    /// <summary>What makes two requests the same request: the sources, the outputs, where they are stored, and async.</summary>
    public string Hash()
    {
        var text = new StringBuilder();
        foreach (var source in Sources)
        {
            text.Append("source|").Append(source.Identity).Append('\n');
        }
        foreach (var output in Outputs)
        {
            text.Append("output|").Append(output.Name).Append('|').Append(output.Options.Normalized()).Append('|').Append(output.Path).Append('\n');
        }
        text.Append("storage|").Append(Storage?.Name).Append('\n');
        foreach (var (name, value) in Variables.OrderBy(variable => variable.Key, StringComparer.Ordinal))
        {
            text.Append("variable|").Append(name).Append('=').Append(value).Append('\n');
        }
        text.Append("async=").Append(Async);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>One job per source, each with every output.</summary>
    public IReadOnlyList<JobSubmission> Submissions(ApiCaller caller) =>
    [
        .. Sources.Select(source => new JobSubmission(caller.WorkspaceId, source.Job, Outputs, JobOrigin.Api, caller.KeyId, WebhookUrl, Storage,
            ConvertRequestChecks.VariablesFor(Variables, source.Variables), caller.IsTest)),
    ];

    public static async ValueTask<ConvertRequest> BindAsync(HttpContext context)
    {
        using (ServerTiming.Measure("read"))
        {
            return await ConvertRequestChecks.BindAsync(context);
        }
    }
}
