namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>The tutorial's flow in curl, JavaScript and C#, filled in with this portal's address and a key.</summary>
public static class ApiSnippets
{
    public const string KeyPlaceholder = "YOUR_API_KEY";

    /// <summary>Runs as shown in a shell, in a folder with a product.heic: convert, wait for the job, download.</summary>
    public static string Curl(string baseUrl, string key) => $$"""
        # Convert: 200 with the result, or 202 with a statusUrl for a large file
        curl -H "Authorization: Bearer {{key}}" \
             -F file=@product.heic -F format=webp -F quality=80 -F maxWidth=1200 \
             {{baseUrl}}/api/v1/convert | tee result.json

        # Wait for the job (up to 30 s), then download what it made
        JOB_ID=$(grep -o '"jobId":"[^"]*"' result.json | head -n 1 | cut -d '"' -f 4)
        curl -H "Authorization: Bearer {{key}}" "{{baseUrl}}/api/v1/status/$JOB_ID?wait=30"
        curl -H "Authorization: Bearer {{key}}" -o product.webp {{baseUrl}}/api/v1/download/$JOB_ID
        """;

    /// <summary>Node.js 18 or later, as an ES module reading a real file: convert, wait for a large one, save the result.</summary>
    public static string JavaScript(string baseUrl, string key) => $$"""
        // Node.js 18+: save as convert.mjs beside product.heic and run: node convert.mjs
        import { readFile, writeFile } from 'node:fs/promises';

        const API = '{{baseUrl}}/api/v1';
        const headers = { Authorization: 'Bearer {{key}}' };

        const form = new FormData();
        form.append('file', new Blob([await readFile('product.heic')]), 'product.heic');
        form.append('format', 'webp');
        form.append('quality', '80');
        form.append('maxWidth', '1200');
        let response = await fetch(`${API}/convert`, { method: 'POST', headers, body: form });
        let job = await response.json();
        if (!response.ok) throw new Error(`${job.title}: ${job.detail ?? ''} (${job.type})`);

        // 202: a large file is still converting. Each status request waits up to 60 s for it to end.
        while (job.status === 'queued' || job.status === 'processing') {
          job = await (await fetch(`${API}/status/${job.jobId}?wait=60`, { headers })).json();
        }
        if (job.status !== 'completed') throw new Error(job.error.message);

        const file = await fetch(`${API}/download/${job.jobId}`, { headers });
        await writeFile('product.webp', Buffer.from(await file.arrayBuffer()));
        console.log(`product.webp: ${job.outputs[0].width}×${job.outputs[0].height}, ${job.outputs[0].bytes} bytes`);
        """;

    /// <summary>A console program's Program.cs with Konvrt.Client: convert, wait for a large one, save the result.</summary>
    public static string CSharp(string baseUrl, string key) => $$"""
        // Program.cs of a console app with the Konvrt.Client package (README: "Clients"), beside product.heic.
        using Konvrt.Client;

        var konvrt = KonvrtClient.Create(new KonvrtClientOptions { BaseAddress = new Uri("{{baseUrl}}"), ApiKey = "{{key}}" });
        var job = await konvrt.ConvertAsync(ConvertSource.FromFile("product.heic"),
            new ConvertOptions { Format = "webp", Quality = "80", MaxWidth = 1200 });
        // A large file answers 202 while it converts: wait for it.
        job = job.IsFinished ? job : await konvrt.WaitForJobAsync(job.JobId);
        await using var download = await konvrt.DownloadAsync(job.JobId);
        await download.SaveAsync("product.webp");
        Console.WriteLine($"product.webp: {job.Outputs[0].Width}×{job.Outputs[0].Height}, {job.Outputs[0].Bytes} bytes");
        """;
}
