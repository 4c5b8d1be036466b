using Microsoft.Extensions.FileSystemGlobbing;

namespace Konvrt.Cli;

/// <summary>One image to convert, and where it sits below what was named (its outputs keep that layout).</summary>
internal sealed record InputFile(string Path, string RelativePath);

internal static class InputFiles
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".heic", ".heif", ".bmp", ".tif", ".tiff", ".tga", ".qoi",
    };

    /// <summary>Files as named, folders' images (recursively), and globs (<c>photos/**/*.jpg</c>) from the current folder.</summary>
    public static IReadOnlyList<InputFile> Expand(IEnumerable<string> arguments)
    {
        var found = new List<InputFile>();
        foreach (var argument in arguments)
        {
            if (File.Exists(argument))
            {
                found.Add(new InputFile(Path.GetFullPath(argument), Path.GetFileName(argument)));
            }
            else if (Directory.Exists(argument))
            {
                found.AddRange(Directory.EnumerateFiles(argument, "*", SearchOption.AllDirectories)
                    .Where(file => ImageExtensions.Contains(Path.GetExtension(file)))
                    .Order(StringComparer.Ordinal)
                    .Select(file => new InputFile(Path.GetFullPath(file), Path.GetRelativePath(argument, file))));
            }
            else
            {
                var matcher = new Matcher(StringComparison.Ordinal);
                matcher.AddInclude(argument);
                var matches = matcher.GetResultsInFullPath(Directory.GetCurrentDirectory()).Order(StringComparer.Ordinal).ToList();
                if (matches.Count == 0)
                {
                    throw new UsageException($"{argument}: no such file or folder, and no file matches it.");
                }
                found.AddRange(matches.Select(file => new InputFile(file, Path.GetRelativePath(Directory.GetCurrentDirectory(), file))));
            }
        }
        return found.DistinctBy(file => file.Path).ToList();
    }
}
