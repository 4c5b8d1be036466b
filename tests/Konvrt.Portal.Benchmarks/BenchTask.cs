namespace Konvrt.Portal.Benchmarks;

/// <summary>One job every tool does on the same photo: our option names, sharp's calls, vipsthumbnail's arguments.</summary>
internal sealed record BenchTask(
    string Key,
    string Title,
    string Input,
    (string Name, string Value)[] Options,
    string SharpPipeline,
    string? VipsInput,
    string VipsSize,
    string VipsOutput)
{
    public static IReadOnlyList<BenchTask> All { get; } =
    [
        new("jpeg-webp-1200", "JPEG 12 MP → WebP, max width 1200, q80", "photo1_olympus-ep3_4032x3024.jpg",
            [("format", "webp"), ("quality", "80"), ("maxWidth", "1200")],
            "resize1200q80", null, "1200x", "[Q=80]"),
        new("jpeg-webp-300", "JPEG 12 MP → WebP thumbnail, max width 300, q70", "photo1_olympus-ep3_4032x3024.jpg",
            [("format", "webp"), ("quality", "70"), ("maxWidth", "300")],
            "resize300q70", null, "300x", "[Q=70]"),
        new("heic-webp-1200", "HEIC 12 MP → WebP, max width 1200, q80", "heic1_iphone13pro_pug_4032x3024.heic",
            [("format", "webp"), ("quality", "80"), ("maxWidth", "1200")],
            "resize1200q80", null, "1200x", "[Q=80]"),
        new("png-alpha-webp", "PNG with alpha 2048×1536 → WebP q80", "alpha_paper_2048x1536.png",
            [("format", "webp"), ("quality", "80")],
            "webpq80", null, "2048x", "[Q=80]"),
        new("gif-anim-webp", "Animated GIF 400×400, 44 frames → animated WebP q80", "anim_rotating_earth_400x400.gif",
            [("format", "webp"), ("quality", "80")],
            "animatedq80", "[n=-1]", "400x", "[Q=80]"),
    ];

    public string InputPath => Path.Combine(AppContext.BaseDirectory, "TestImages", Input);
}
