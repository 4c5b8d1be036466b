using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>
/// What a browser without JavaScript does with the portal's static pages: follows redirects, keeps
/// cookies, and submits real forms with every field they carry (antiforgery token and handler name included).
/// </summary>
public sealed class PortalBrowser(HttpClient client)
{
    public HttpClient Client => client;

    public async Task<PortalPage> GetAsync(string url)
    {
        using var response = await client.GetAsync(url);
        return await PortalPage.ReadAsync(response);
    }

    public async Task<PortalPage> SubmitAsync(PortalPage page, string formSelector, IReadOnlyDictionary<string, string> fields)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}:\n{page.Text}");
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            if (input.Type is "checkbox" or "radio" && !input.IsChecked)
            {
                continue;
            }
            values[input.Name!] = input.Value;
        }
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        var action = string.IsNullOrEmpty(form.GetAttribute("action"))
            ? page.Url
            : new Uri(page.Url, form.GetAttribute("action"));
        using var response = await client.PostAsync(action, new FormUrlEncodedContent(values));
        return await PortalPage.ReadAsync(response);
    }

    /// <summary>Logs in through the real log-in form; the returned page is wherever the portal sent the user.</summary>
    public async Task<PortalPage> LogInAsync(string email, string password)
    {
        var login = await GetAsync("/Account/Login");
        return await SubmitAsync(login, "form[method=post]", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }
}

public sealed record PortalPage(HttpResponseMessage Response, IDocument Document, Uri Url)
{
    public string Text => Document.Body?.TextContent ?? "";

    public string Path => Url.AbsolutePath;

    public static async Task<PortalPage> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html));
        return new PortalPage(response, document, response.RequestMessage!.RequestUri!);
    }
}
