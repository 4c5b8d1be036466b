using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Features.Jobs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Konvrt.Portal.IntegrationTests.Features.Jobs;

internal static class JobKit
{
    public static string TestImage(string name) => Path.Combine(AppContext.BaseDirectory, "TestImages", name);

    public static ConversionOptions Options(params (string Name, string Value)[] fields) =>
        ConversionOptionsParser.Parse(fields.Select(field => KeyValuePair.Create(field.Name, (string?)field.Value)));

    /// <summary>A small JPEG whose bytes differ for every <paramref name="shade"/> (neighbouring shades alone can encode alike).</summary>
    public static byte[] SmallJpeg(byte shade)
    {
        using var image = new Image<Rgb24>(64 + shade, 48, new Rgb24(shade, (byte)(255 - shade), 90));
        using var file = new MemoryStream();
        image.SaveAsJpeg(file);
        return file.ToArray();
    }

    public static Task<ConversionJob> SubmitAsync(
        this WebApplicationFactory<Program> portal, Guid workspaceId, byte[] content, ConversionOptions options, string name = "photo.jpg") =>
        portal.Services.GetRequiredService<JobQueue>().SubmitAsync(
            new JobSubmission(workspaceId, new UploadedSource(name, new MemoryStream(content)), JobSubmission.One(options), JobOrigin.Api), CancellationToken.None);

    public static async Task<ConversionJob> FinishedAsync(this WebApplicationFactory<Program> portal, Guid jobId, int seconds = 60)
    {
        var job = await portal.Services.GetRequiredService<JobQueue>().WaitAsync(jobId, TimeSpan.FromSeconds(seconds), CancellationToken.None);
        Assert.NotNull(job);
        Assert.True(job.IsFinished, $"job {jobId} still {job.Status} after {seconds} s");
        return job;
    }
}
