using System.Globalization;
using System.Text;
using ImageMagick;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.Benchmarks;

/// <summary>
/// The same pixels through Konvrt's encoders and the reference encoders (cjpeg, gif2webp, cwebp, optipng, sharp):
/// bytes and SSIM side by side; then what <c>quality=auto</c> saves against q80 on the test photos, at what score.
/// Each reference reads exactly the pixels Konvrt encodes: a PPM or uncompressed PNG written once per case.
/// </summary>
internal static class BytesBenchmark
{
    private sealed record Row(string Case, string Tool, long Bytes, double? Ssim, string Note = "");

    public static async Task<string> RunAsync()
    {
        var work = Path.Combine(Path.GetTempPath(), "konvrt-bytes-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        await using var services = new ServiceCollection().AddLogging().AddConversionEngine(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var converter = services.GetRequiredService<ImageConverter>();
        var sharpScript = await SharpRunner.InstallAsync(Path.Combine(Path.GetTempPath(), "konvrt-bench-sharp"));
        var rows = new List<Row>();

        async Task<string> OursAsync(string input, string name, params (string, string)[] fields)
        {
            var path = Path.Combine(work, name);
            await using (var source = File.OpenRead(input))
            await using (var output = File.Create(path))
            {
                await converter.ConvertAsync(source, Options(fields), output);
            }
            return path;
        }

        // JPEG q80: the photo at 1200 px, and the PNG with alpha laid on white, as the same PPM for both encoders.
        foreach (var (title, input, width) in new[] { ("JPEG photo, 1200 px", "photo1_olympus-ep3_4032x3024.jpg", 1200), ("PNG 2048×1536 on white", "alpha_paper_2048x1536.png", 0) })
        {
            var pixels = Pixels(Image(input), width, work, title.GetHashCode(StringComparison.Ordinal).ToString("x", CultureInfo.InvariantCulture) + ".ppm", flatten: true);
            foreach (var progressive in new[] { false, true })
            {
                var kind = $"{title} → JPEG q80{(progressive ? ", progressive" : "")}";
                var ours = await OursAsync(pixels, $"{kind.GetHashCode(StringComparison.Ordinal):x}.jpg", ("format", "jpeg"), ("quality", "80"), ("progressive", progressive ? "true" : "false"));
                var cjpeg = Path.Combine(work, $"{kind.GetHashCode(StringComparison.Ordinal):x}.cjpeg.jpg");
                await Tool("cjpeg", ["-quality", "80", "-optimize", .. progressive ? ["-progressive"] : Array.Empty<string>(), "-outfile", cjpeg, pixels]);
                var reference = Path.ChangeExtension(pixels, ".png");
                rows.Add(new Row(kind, OursRunner.Tool, Length(ours), Ssim(ours, reference)));
                rows.Add(new Row(kind, $"cjpeg -optimize{(progressive ? " -progressive" : "")}", Length(cjpeg), Ssim(cjpeg, reference)));
            }
        }

        // WebP with alpha and animated WebP: the source as it is, for every tool.
        var paper = Image("alpha_paper_2048x1536.png");
        var paperOurs = await OursAsync(paper, "paper.webp", ("format", "webp"), ("quality", "80"));
        var paperCwebp = Path.Combine(work, "paper.cwebp.webp");
        await Tool("cwebp", ["-quiet", "-q", "80", "-m", "4", paper, "-o", paperCwebp]);
        var paperSharp = await SharpOnceAsync(sharpScript, "webpq80", paper, Path.Combine(work, "paper.sharp.webp"));
        rows.AddRange([
            new("PNG with alpha → WebP q80", OursRunner.Tool, Length(paperOurs), Ssim(paperOurs, paper)),
            new("PNG with alpha → WebP q80", "cwebp -q 80 -m 4", Length(paperCwebp), Ssim(paperCwebp, paper)),
            new("PNG with alpha → WebP q80", "sharp", Length(paperSharp), Ssim(paperSharp, paper))]);

        var earth = Image("anim_rotating_earth_400x400.gif");
        var earthOurs = await OursAsync(earth, "earth.webp", ("format", "webp"), ("quality", "80"));
        var earthGif2webp = Path.Combine(work, "earth.gif2webp.webp");
        await Tool("gif2webp", ["-quiet", "-lossy", "-q", "80", earth, "-o", earthGif2webp]);
        var earthSharp = await SharpOnceAsync(sharpScript, "animatedq80", earth, Path.Combine(work, "earth.sharp.webp"));
        rows.AddRange([
            new("Animated GIF, 44 frames → WebP q80", OursRunner.Tool, Length(earthOurs), Ssim(earthOurs, earth), "first frame's SSIM"),
            new("Animated GIF, 44 frames → WebP q80", "gif2webp -lossy -q 80", Length(earthGif2webp), Ssim(earthGif2webp, earth), "first frame's SSIM"),
            new("Animated GIF, 44 frames → WebP q80", "sharp", Length(earthSharp), Ssim(earthSharp, earth), "first frame's SSIM")]);

        // PNG out: the same pixels, written uncompressed, then optimized by optipng -o2.
        foreach (var (title, input, width) in new[] { ("Photo 1200 px → PNG", "photo1_olympus-ep3_4032x3024.jpg", 1200), ("PNG with alpha → PNG", "alpha_paper_2048x1536.png", 0), ("GIF frame (palette) → PNG", "anim_rotating_earth_400x400.gif", 0) })
        {
            var pixels = Pixels(Image(input), width, work, $"{title.GetHashCode(StringComparison.Ordinal):x}.png", flatten: false);
            var ours = await OursAsync(pixels, $"{title.GetHashCode(StringComparison.Ordinal):x}.ours.png", ("format", "png"));
            var optipng = Path.Combine(work, $"{title.GetHashCode(StringComparison.Ordinal):x}.optipng.png");
            File.Copy(pixels, optipng);
            await Tool("optipng", ["-quiet", "-o2", optipng]);
            rows.Add(new Row(title, OursRunner.Tool, Length(ours), null, "lossless"));
            rows.Add(new Row(title, "optipng -o2", Length(optipng), null, "lossless"));
        }

        var table = new StringBuilder();
        table.AppendLine("Bytes at equal pixels (SSIM: ImageMagick's, against the pixels both encoders were given; first frame for animations).");
        table.AppendLine();
        table.AppendLine("| Case | Tool | KB | SSIM | Konvrt ÷ this |");
        table.AppendLine("|---|---|---:|---:|---:|");
        foreach (var group in rows.GroupBy(row => row.Case))
        {
            var ours = group.First(row => row.Tool == OursRunner.Tool);
            foreach (var row in group)
            {
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Case} | {row.Tool} | {row.Bytes / 1024.0:0.0} | {(row.Ssim is { } ssim ? ssim.ToString("0.0000", CultureInfo.InvariantCulture) : row.Note)} | {(row == ours ? "" : $"{(double)ours.Bytes / row.Bytes:0.00}×")} |");
            }
        }
        table.AppendLine();
        table.Append(await AutoQualityAsync(converter, work));
        return table.ToString();
    }

    /// <summary>Each test photo at 1200 px: q80 against quality=auto, with the quality auto chose and both outputs' scores.</summary>
    private static async Task<string> AutoQualityAsync(ImageConverter converter, string work)
    {
        var table = new StringBuilder();
        table.AppendLine("quality=auto (good) against q80, 1200 px wide. SSIM: ImageMagick's, against the same conversion written losslessly.");
        table.AppendLine();
        table.AppendLine("| Photo | Format | q80 KB | q80 SSIM | auto: quality | auto KB | auto SSIM | Saved |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        long before = 0, after = 0;
        foreach (var photo in new[] { "photo1_olympus-ep3_4032x3024.jpg", "photo2_nokia83_4608x1976.jpg", "photo3_iphone6_3264x2448.jpg", "heic1_iphone13pro_pug_4032x3024.heic" })
        {
            var lossless = Path.Combine(work, $"{photo}.lossless.png");
            await ConvertAsync(converter, Image(photo), lossless, ("format", "png"), ("maxWidth", "1200"), ("compressionLevel", "1"));
            foreach (var format in new[] { "webp", "jpeg" })
            {
                var q80 = Path.Combine(work, $"{photo}.q80.{format}");
                var auto = Path.Combine(work, $"{photo}.auto.{format}");
                await ConvertAsync(converter, Image(photo), q80, ("format", format), ("quality", "80"), ("maxWidth", "1200"));
                var chosen = await ConvertAsync(converter, Image(photo), auto, ("format", format), ("quality", "auto"), ("maxWidth", "1200"));
                before += Length(q80);
                after += Length(auto);
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {photo.Split('_')[0]} | {format} | {Length(q80) / 1024.0:0.0} | {Ssim(q80, lossless):0.0000} | {chosen.Output.Quality} | {Length(auto) / 1024.0:0.0} | {Ssim(auto, lossless):0.0000} | {1 - ((double)Length(auto) / Length(q80)):0.0 %} |");
            }
        }
        table.AppendLine(CultureInfo.InvariantCulture, $"| all | | {before / 1024.0:0.0} | | | {after / 1024.0:0.0} | | {1 - ((double)after / before):0.0 %} |");
        return table.ToString();
    }

    private static async Task<ConversionResult> ConvertAsync(ImageConverter converter, string input, string output, params (string, string)[] fields)
    {
        await using var source = File.OpenRead(input);
        await using var destination = File.Create(output);
        return await converter.ConvertAsync(source, Options(fields), destination);
    }

    private static ConversionOptions Options((string Name, string Value)[] fields) =>
        ConversionOptionsParser.Parse(fields.Select(field => KeyValuePair.Create(field.Name, (string?)field.Value)));

    private static string Image(string name) => Path.Combine(AppContext.BaseDirectory, "TestImages", name);

    private static long Length(string path) => new FileInfo(path).Length;

    /// <summary>
    /// The source's first frame, oriented, resized with Lanczos when a width is given, optionally on white: written once
    /// for every encoder. Read and written with libvips: the engine's ImageMagick policy, process-wide, reads HEIC and AVIF only.
    /// </summary>
    private static string Pixels(string input, int width, string work, string name, bool flatten)
    {
        using var loaded = NetVips.Image.NewFromFile(input, access: NetVips.Enums.Access.Random);
        using var oriented = loaded.Autorot();
        using var resized = width > 0 ? oriented.Resize((double)width / oriented.Width, kernel: NetVips.Enums.Kernel.Lanczos3) : oriented.Copy();
        using var flat = flatten && resized.HasAlpha() ? resized.Flatten(background: [255, 255, 255]) : resized.Copy();
        var path = Path.Combine(work, name);
        if (flatten)
        {
            // cjpeg reads PPM, which this libvips build neither writes nor reads: a P6 header and the RGB bytes are all
            // it is. A PNG twin beside it is the reference SSIM reads.
            using var rgb = flat.Bands == 3 ? flat.Copy() : flat.ExtractBand(0, n: 3);
            File.WriteAllBytes(path, [.. System.Text.Encoding.ASCII.GetBytes($"P6\n{rgb.Width} {rgb.Height}\n255\n"), .. rgb.WriteToMemory<byte>()]);
            rgb.Pngsave(Path.ChangeExtension(path, ".png"), compression: 1);
        }
        else
        {
            // Stored, not deflated: optipng's work is all its own.
            flat.Pngsave(path, compression: 0);
        }
        return path;
    }

    /// <summary>ImageMagick's SSIM of the first frames, both laid on white; the pixels reach it raw (no ImageMagick decoder involved).</summary>
    private static double? Ssim(string output, string reference)
    {
        using var first = Raw(output);
        using var expected = Raw(reference);
        return 1 - first.Compare(expected, ErrorMetric.StructuralSimilarity);
    }

    private static MagickImage Raw(string path)
    {
        using var loaded = NetVips.Image.NewFromFile(path, access: NetVips.Enums.Access.Random);
        using var flat = loaded.HasAlpha() ? loaded.Flatten(background: [255, 255, 255]) : loaded.Copy();
        using var rgb = flat.Bands == 3 ? flat.Copy() : flat.Colourspace(NetVips.Enums.Interpretation.Srgb);
        var image = new MagickImage();
        image.ReadPixels(rgb.WriteToMemory<byte>(), new PixelReadSettings((uint)rgb.Width, (uint)rgb.Height, StorageType.Char, PixelMapping.RGB));
        return image;
    }

    private static async Task Tool(string file, string[] arguments)
    {
        var (exit, _, error) = await Measure.RunAsync(file, arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{file} failed ({exit}): {error}. Install it: apt-get install libjpeg-turbo-progs webp optipng");
        }
    }

    private static async Task<string> SharpOnceAsync(string script, string pipeline, string input, string output)
    {
        var (exit, _, error) = await Measure.RunAsync("node", [script, pipeline, input, "1", output]);
        return exit == 0 ? output : throw new InvalidOperationException($"sharp failed: {error}");
    }
}
