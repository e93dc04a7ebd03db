using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>The Api on a real loopback socket (for raw-socket tests and Node clients).</summary>
internal static class KestrelApi
{
    public static Uri Start(ApiFactory api) => api.StartKestrel();
}
