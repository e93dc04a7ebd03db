using System.Net;
using System.Text.Json;

namespace VideoPlatform.Tests.Api.Auth;

/// <summary>Assertions on the Api's ProblemDetails answers.</summary>
internal static class Problems
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.Equal(code, body.GetProperty("code").GetString());
        return body;
    }

    /// <summary>429 with ProblemDetails and a Retry-After of whole seconds no longer than <paramref name="atMost"/>.</summary>
    public static async Task<JsonElement> AssertTooManyAsync(HttpResponseMessage response, TimeSpan atMost)
    {
        var body = await AssertAsync(response, HttpStatusCode.TooManyRequests, "too_many_requests");
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), atMost);
        return body;
    }
}
