using System.Text.Json;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;
using Konvrt.Portal.Infrastructure.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.UnitTests.Infrastructure;

public sealed class PortalExceptionHandlerTests
{
    private static async Task<(bool Handled, HttpContext Context)> HandleAsync(string path, Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddPortalProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        var handler = services.GetServices<IExceptionHandler>().Single();
        var handled = await handler.TryHandleAsync(context, exception, CancellationToken.None);
        return (handled, context);
    }

    private static JsonElement ReadBody(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return JsonDocument.Parse(context.Response.Body).RootElement;
    }

    [Fact]
    public async Task A_crash_on_an_api_route_is_a_500_problem_without_a_stack_trace()
    {
        var (handled, context) = await HandleAsync("/api/v1/convert", new InvalidOperationException("secret internals at Foo.Bar()"));

        Assert.True(handled);
        Assert.Equal(500, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
        var problem = ReadBody(context);
        Assert.Equal(ErrorCatalog.Internal.Type, problem.GetProperty("type").GetString());
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("traceId", out _));
        var text = problem.GetRawText();
        Assert.DoesNotContain("secret internals", text);
        Assert.DoesNotContain("Foo.Bar", text);
    }

    [Fact]
    public async Task An_oversized_request_body_on_the_api_is_a_413_problem()
    {
        var (handled, context) = await HandleAsync("/api/v1/convert",
            new Microsoft.AspNetCore.Http.BadHttpRequestException("Request body too large.", 413));

        Assert.True(handled);
        Assert.Equal(413, context.Response.StatusCode);
        Assert.Equal(ErrorCatalog.PayloadTooLarge.Type, ReadBody(context).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(ConversionError.UnsupportedFormat, 415, "unsupported-format")]
    [InlineData(ConversionError.InvalidImage, 422, "invalid-image")]
    [InlineData(ConversionError.InputTooLarge, 413, "payload-too-large")]
    [InlineData(ConversionError.ImageTooLarge, 422, "image-too-large")]
    [InlineData(ConversionError.TooManyFrames, 422, "too-many-frames")]
    public async Task Each_conversion_refusal_has_its_status_and_stable_problem_type(ConversionError error, int status, string type)
    {
        var (handled, context) = await HandleAsync("/api/v1/convert", new ConversionException(error, "plain words for the user"));

        Assert.True(handled);
        Assert.Equal(status, context.Response.StatusCode);
        var problem = ReadBody(context);
        Assert.Equal(ErrorCatalog.TypeBase + type, problem.GetProperty("type").GetString());
        Assert.Equal("plain words for the user", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Invalid_options_are_a_400_listing_every_bad_option()
    {
        var (_, context) = await HandleAsync("/api/v1/convert", new InvalidConversionOptionsException(
            new Dictionary<string, string[]> { ["quality"] = ["'0' is not a whole number from 1 to 100."], ["fit"] = ["'x' is not one of inside, cover, contain, fill."] }));

        Assert.Equal(400, context.Response.StatusCode);
        var problem = ReadBody(context);
        Assert.Equal(ErrorCatalog.InvalidOptions.Type, problem.GetProperty("type").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Contains("from 1 to 100", errors.GetProperty("quality")[0].GetString());
        Assert.Contains("inside, cover", errors.GetProperty("fit")[0].GetString());
    }

    [Fact]
    public async Task A_crash_on_a_portal_page_is_left_to_the_friendly_error_page()
    {
        var (handled, context) = await HandleAsync("/dashboard", new InvalidOperationException("boom"));

        Assert.False(handled);
        Assert.Equal(0, context.Response.Body.Length);
    }
}
