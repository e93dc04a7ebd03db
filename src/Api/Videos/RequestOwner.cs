namespace VideoPlatform.Api.Videos;

/// <summary>Who is asking. Until accounts exist the caller may name itself with the X-Owner-Id header.</summary>
public static class RequestOwner
{
    public const string Header = "X-Owner-Id";

    public static string? Of(HttpContext context)
    {
        var value = context.Request.Headers[Header].ToString();
        return VideoIds.IsWellFormed(value) ? value : null;
    }
}
