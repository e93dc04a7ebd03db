using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api;

/// <summary>An admin's disable is moderation: the owner cannot lift it, an admin can; the owner's own disable stays the owner's.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ChannelModerationTests(PlatformClusterFixture cluster) : ClusterApiTest(cluster)
{
    [Fact]
    public async Task AdminDisable_OwnerCannotEnable_AdminCan()
    {
        var admin = await Api.AdminAsync();
        var id = (await JsonAsync(await OwnerAsync(HttpMethod.Post, "/api/channels", new { name = "moderated" }))).GetProperty("id").GetString()!;

        var disabled = await JsonAsync(await AsAsync(admin.AccessToken, HttpMethod.Patch, $"/api/channels/{id}", new { disabled = true }));
        var ownerTry = await OwnerAsync(HttpMethod.Patch, $"/api/channels/{id}", new { disabled = false });
        var ownerRename = await OwnerAsync(HttpMethod.Patch, $"/api/channels/{id}", new { name = "still mine" });
        var stillDisabled = await JsonAsync(await Http.GetAsync($"/api/channels/{id}"));
        var enabled = await JsonAsync(await AsAsync(admin.AccessToken, HttpMethod.Patch, $"/api/channels/{id}", new { disabled = false }));

        Assert.Equal("disabled", disabled.GetProperty("status").GetString());
        Assert.Equal("admin", disabled.GetProperty("disabledBy").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, ownerTry.StatusCode);
        Assert.Equal("channel_moderated", (await JsonAsync(ownerTry)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, ownerRename.StatusCode);
        Assert.Equal("disabled", stillDisabled.GetProperty("status").GetString());
        Assert.Equal("idle", enabled.GetProperty("status").GetString());
        Assert.False(enabled.TryGetProperty("disabledBy", out var by) && by.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task OwnerDisable_OwnerCanEnable()
    {
        var id = (await JsonAsync(await OwnerAsync(HttpMethod.Post, "/api/channels", new { name = "self-paused" }))).GetProperty("id").GetString()!;

        var disabled = await JsonAsync(await OwnerAsync(HttpMethod.Patch, $"/api/channels/{id}", new { disabled = true }));
        var enabled = await OwnerAsync(HttpMethod.Patch, $"/api/channels/{id}", new { disabled = false });

        Assert.Equal("owner", disabled.GetProperty("disabledBy").GetString());
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal("idle", (await JsonAsync(enabled)).GetProperty("status").GetString());
    }

    private async Task<HttpResponseMessage> OwnerAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        await request.AuthorizeAsync(Http, "moderatedowner");
        return await Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> AsAsync(string token, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
