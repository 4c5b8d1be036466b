namespace Konvrt.Portal.Features.Jobs.Uploads;

public enum UploadPhase
{
    Waiting,
    Uploading,
    Converting,
    Completed,
    Failed,
}

/// <summary>One file (or pasted URL) on the Convert page, from the moment it is dropped to its result or its error.</summary>
public sealed class BrowserUpload(string fileName, long size, string? url = null)
{
    /// <summary>A pasted address, fetched by the worker: nothing is uploaded from the browser.</summary>
    public string? Url { get; } = url;
    public Guid Key { get; } = Guid.NewGuid();
    public string FileName { get; } = fileName;
    public long Size { get; } = size;
    public UploadPhase Phase { get; set; } = UploadPhase.Waiting;
    public long UploadedBytes { get; set; }
    /// <summary>The job has been taken by a worker (as opposed to waiting in the queue).</summary>
    public bool Processing { get; set; }
    public ConversionJob? Job { get; set; }
    public UploadProblem? Problem { get; set; }

    public double UploadPercent => Size <= 0 ? 100 : Math.Min(100, UploadedBytes * 100.0 / Size);

    public bool IsFinished => Phase is UploadPhase.Completed or UploadPhase.Failed;

    /// <summary>The main output's change in size, in percent of the input: negative when smaller.</summary>
    public double? SizeChange => Job is { } job ? Konvrt.Portal.Components.Display.Saving.Percent(job.InputBytes, job.MainOutputBytes) : null;
}
