using System.Net;
using Microsoft.Extensions.Options;
using VideoPlatform.Webhooks;

namespace VideoPlatform.Tests.Infrastructure.Webhooks;

[Trait("Category", "Unit")]
public sealed class WebhookTargetRulesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("100.64.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fd00::1")]
    [InlineData("fc00::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::10.0.0.1")]
    public void IsPrivate_RefusesLoopbackPrivateLinkLocalAndTheirIPv6Forms(string address) =>
        Assert.True(WebhookAddresses.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void IsPrivate_AllowsPublicAddresses(string address) =>
        Assert.False(WebhookAddresses.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/relative/path")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.com/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://user:pass@example.com/hook")]
    public void ShapeProblem_RefusesWhatIsNotAnAbsoluteHttpUrl(string? url) =>
        Assert.Equal("invalid_url", WebhookTargets.ShapeProblem(url, out _)?.Code);

    [Fact]
    public void ShapeProblem_RefusesOverlongUrls() =>
        Assert.NotNull(WebhookTargets.ShapeProblem("https://example.com/" + new string('a', WebhookTargets.MaxUrlLength), out _));

    [Fact]
    public void ShapeProblem_AcceptsHttps()
    {
        Assert.Null(WebhookTargets.ShapeProblem("https://hooks.example.com:8443/in?x=1", out var uri));
        Assert.Equal("hooks.example.com", uri!.Host);
    }

    [Theory]
    [InlineData("rebind.example", "127.0.0.1")]
    [InlineData("half.example", "8.8.8.8,10.0.0.5")]
    [InlineData("meta.example", "169.254.169.254")]
    public async Task Vet_RefusesNamesThatResolveToAPrivateAddress(string host, string addresses)
    {
        var targets = new WebhookTargets(Options.Create(new WebhookSettings()), new FixedResolver(addresses));

        var (allowed, problem) = await targets.VetAsync(host, CancellationToken.None);

        Assert.Null(allowed);
        Assert.Equal("private_target", problem?.Code);
    }

    [Fact]
    public async Task Vet_AllowsPrivateAddressesOnlyWhenConfigured()
    {
        var targets = new WebhookTargets(Options.Create(new WebhookSettings { AllowPrivateTargets = true }), new FixedResolver("127.0.0.1"));

        var (allowed, problem) = await targets.VetAsync("receiver.example", CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal([IPAddress.Loopback], allowed);
    }

    [Fact]
    public void Signature_VerifiesAndRejectsTampering()
    {
        var header = WebhookSignature.Sign("whsec_test", 1_700_000_000, """{"id":"evt_1"}""");

        Assert.StartsWith("t=1700000000,v1=", header, StringComparison.Ordinal);
        Assert.True(WebhookSignature.Verify("whsec_test", header, """{"id":"evt_1"}""", out var t));
        Assert.Equal(1_700_000_000, t);
        Assert.False(WebhookSignature.Verify("whsec_test", header, """{"id":"evt_2"}""", out _));
        Assert.False(WebhookSignature.Verify("whsec_other", header, """{"id":"evt_1"}""", out _));
    }

    /// <summary>Plays a DNS server that answers every name with the given addresses.</summary>
    public sealed class FixedResolver(string addresses) : IWebhookResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult(addresses.Split(',').Select(IPAddress.Parse).ToArray());
    }
}
