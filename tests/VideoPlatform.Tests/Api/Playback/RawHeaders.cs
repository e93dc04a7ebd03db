namespace VideoPlatform.Tests.Api.Playback;

/// <summary>Headers as the server wrote them: the parsed Cache-Control reorders its directives.</summary>
internal static class RawHeaders
{
    public static string? CacheControl(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("Cache-Control", out var values) ? values.ToString() : null;
}
