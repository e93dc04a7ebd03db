namespace VideoPlatform.Api.Uploads;

/// <summary>
/// Endpoint metadata: the request body is media bytes, whatever its Content-Type says. <c>curl --data-binary</c> labels
/// a file form-urlencoded; such a body is still not a form, so the JSON and form size limit does not apply to it.
/// </summary>
public sealed class RawMediaBody
{
    public static readonly RawMediaBody Instance = new();

    private RawMediaBody()
    {
    }
}
