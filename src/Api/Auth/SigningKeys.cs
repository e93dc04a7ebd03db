using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace VideoPlatform.Api.Auth;

/// <summary>
/// The HS256 key for access tokens (and, derived from it, the playback-token key): <c>Auth:SigningKey</c> from
/// configuration (a Kubernetes Secret in production), or for development a random key kept in <c>Auth:DevKeyFile</c>.
/// Never in grain storage: any client of the gateway could read a grain's answer.
/// </summary>
public sealed class SigningKeys(IOptions<AuthSettings> options)
{
    private readonly Lazy<SymmetricSecurityKey> key = new(() => new SymmetricSecurityKey(Resolve(options.Value)) { KeyId = "vp1" });

    public SymmetricSecurityKey Current => key.Value;

    public Task<SymmetricSecurityKey> EnsureAsync() => Task.FromResult(Current);

    private static byte[] Resolve(AuthSettings settings)
    {
        if (!string.IsNullOrEmpty(settings.SigningKey))
        {
            return Encoding.UTF8.GetBytes(settings.SigningKey);
        }

        // Validation refuses to start without either, so this is only reached with a dev key file.
        return DevKeyFile.ReadOrCreate(settings.DevKeyFile ?? throw new InvalidOperationException($"{AuthSettings.Section}:SigningKey is not set"), AuthSettings.MinKeyBytes);
    }
}
