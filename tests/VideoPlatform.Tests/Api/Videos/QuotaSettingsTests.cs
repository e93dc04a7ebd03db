using System.Security.Claims;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Uploads;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Tests.Api.Videos;

/// <summary>The quota and upload limits are validated settings; 0 turns a quota off and admins have none.</summary>
[Trait("Category", "Unit")]
public sealed class QuotaSettingsTests
{
    [Fact]
    public void Defaults_AreValidAndLimitAUser()
    {
        var limits = new QuotaSettings().For(User("creator"));

        Assert.Empty(new QuotaSettings().Problems());
        Assert.Empty(new UploadSettings().Problems());
        Assert.Equal(new QuotaLimits { StoredBytes = 100L << 30, VideosPerDay = 100, ConcurrentUploads = 10 }, limits);
    }

    [Fact]
    public void For_AnAdminOrAQuotaSetToZero_IsNoLimit()
    {
        var settings = new QuotaSettings { MaxStoredBytes = 0, MaxConcurrentUploads = 0 };

        Assert.Equal(QuotaLimits.None, new QuotaSettings().For(User("admin")));
        Assert.Equal(new QuotaLimits { VideosPerDay = 100 }, settings.For(User("creator")));
    }

    [Fact]
    public void Problems_OutOfRangeValues_NameTheirKeys()
    {
        var quotas = new QuotaSettings { MaxStoredBytes = -1, MaxVideosPerDay = 10_001, MaxConcurrentUploads = -1 }.Problems().ToList();
        var uploads = new UploadSettings { MaxSize = 0, Expiration = TimeSpan.Zero }.Problems().ToList();

        Assert.Equal(3, quotas.Count);
        Assert.Contains(quotas, p => p.StartsWith("VideoPlatform:Quotas:MaxVideosPerDay = 10001", StringComparison.Ordinal));
        Assert.Equal(2, uploads.Count);
        Assert.Contains(uploads, p => p.StartsWith("VideoPlatform:Uploads:Expiration", StringComparison.Ordinal));
    }

    private static ClaimsPrincipal User(string role) => new(new ClaimsIdentity(
        [new Claim(Caller.IdClaim, "u1"), new Claim(Caller.RoleClaim, role)], authenticationType: "test"));
}
