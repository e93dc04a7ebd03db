using Microsoft.Extensions.DependencyInjection;
using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using VideoPlatform.Api.Auth;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Tests.Api.Auth;

/// <summary>Passwords are hashed with PBKDF2-HMAC-SHA512 at OWASP's 2023 figure unless configured otherwise.</summary>
[Trait("Category", "Unit")]
public sealed class PasswordHashingTests
{
    private static readonly UserProfile Someone = new() { Id = "u", Username = "someone", Email = "someone@example.com" };

    [Fact]
    public void Hash_DefaultSettings_IsPbkdf2Sha512At210000Iterations()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" })
            .AddPlatformAuth(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{AuthSettings.Section}:{nameof(AuthSettings.SigningKey)}"] = new string('k', 32),
            }).Build()).BuildServiceProvider();

        var hash = services.GetRequiredService<IPasswordHasher<UserProfile>>().HashPassword(Someone, "correct-horse-battery-staple");

        Assert.Equal(210_000, AuthSettings.OwaspPbkdf2Sha512Iterations);
        Assert.Equal(AuthSettings.OwaspPbkdf2Sha512Iterations, new AuthSettings().PasswordIterations);
        Assert.Equal((KeyDerivationPrfSha512, 210_000), Parameters(hash));
    }

    [Fact]
    public void Verify_HashWithFewerIterations_AsksForARehash()
    {
        var old = new PasswordHasher<UserProfile>(Options.Create(new PasswordHasherOptions { IterationCount = 1_000 }));
        var current = new PasswordHasher<UserProfile>(Options.Create(new PasswordHasherOptions { IterationCount = 2_000 }));

        var result = current.VerifyHashedPassword(Someone, old.HashPassword(Someone, "pw-pw-pw-pw"), "pw-pw-pw-pw");

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, result);
    }

    [Fact]
    public void Settings_TooFewIterations_AreRefused()
    {
        Assert.Contains(new AuthSettings { PasswordIterations = 10 }.Problems(), p => p.Contains("PasswordIterations", StringComparison.Ordinal));
        Assert.Empty(new AuthSettings { SigningKey = new string('k', 32) }.Problems());
    }

    private const uint KeyDerivationPrfSha512 = 2;

    /// <summary>ASP.NET Core's V3 format: 0x01, then PRF, iteration count and salt length as big-endian uint32.</summary>
    internal static (uint Prf, int Iterations) Parameters(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));
    }
}
