namespace Konvrt.Cli;

/// <summary>
/// Where a source's outputs go below <c>--out</c>: <c>name.webp</c> for one output, <c>name-thumb.jpg</c> for each of
/// several, in the source's own sub-folder. An output is current when it is newer than its source, as make judges.
/// </summary>
internal static class OutputFiles
{
    public static string PathOf(string outFolder, InputFile input, string? outputName, string? format)
    {
        var stem = Path.Combine(outFolder, Path.GetDirectoryName(input.RelativePath) ?? "", Path.GetFileNameWithoutExtension(input.RelativePath));
        var extension = format switch { "jpeg" => ".jpg", null => ".bin", _ => "." + format };
        return (outputName is null ? stem : $"{stem}-{outputName}") + extension;
    }

    /// <summary>The outputs of an earlier run that are newer than the source, if any.</summary>
    public static IReadOnlyList<string> Current(string outFolder, InputFile input)
    {
        var folder = Path.Combine(outFolder, Path.GetDirectoryName(input.RelativePath) ?? "");
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var stem = Path.GetFileNameWithoutExtension(input.RelativePath);
        var changed = File.GetLastWriteTimeUtc(input.Path);
        return Directory.EnumerateFiles(folder)
            .Where(file => Path.GetFileNameWithoutExtension(file) is var name && (name == stem || name.StartsWith(stem + "-", StringComparison.Ordinal)))
            .Where(file => !file.EndsWith(".part", StringComparison.Ordinal) && File.GetLastWriteTimeUtc(file) >= changed)
            .ToList();
    }
}
