using System.Globalization;

namespace Konvrt.Portal.Components.Display;

/// <summary>Sizes as people read them, 1,024-based like the limits' "50 MB", with one decimal past KB.</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["KB", "MB", "GB", "TB"];

    public static string Format(long bytes)
    {
        if (Math.Abs(bytes) < 1024)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
        }
        double value = bytes;
        var unit = -1;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {Units[unit]}");
    }
}
