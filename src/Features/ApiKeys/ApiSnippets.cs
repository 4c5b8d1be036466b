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

    public static string JavaScript(string baseUrl, string key) => $$"""
        const BASE = '{{baseUrl}}';
        const formData = new FormData();
        formData.append('file', imageBuffer, 'product.heic');   // imageBuffer: a Blob or File
        formData.append('format', 'webp');
        formData.append('quality', '80');
        formData.append('maxWidth', '1200');
        const response = await fetch(`${BASE}/api/v1/convert`, {
          method: 'POST', headers: { 'Authorization': 'Bearer {{key}}' }, body: formData });
        const result = await response.json();   // { jobId, status: "completed", downloadUrl, ... }
        const download = await fetch(`${BASE}/api/v1/download/${result.jobId}`,
          { headers: { 'Authorization': 'Bearer {{key}}' } });
        """;

    public static string CSharp(string baseUrl, string key) => $$"""
        using var http = new HttpClient { BaseAddress = new Uri("{{baseUrl}}/") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "{{key}}");

        using var form = new MultipartFormDataContent
        {
            { new StreamContent(File.OpenRead("product.heic")), "file", "product.heic" },
            { new StringContent("webp"), "format" },
            { new StringContent("80"), "quality" },
            { new StringContent("1200"), "maxWidth" },
        };
        var response = await http.PostAsync("api/v1/convert", form);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = result.GetProperty("jobId").GetString();
        var webp = await http.GetByteArrayAsync($"api/v1/download/{jobId}");
        """;
}
