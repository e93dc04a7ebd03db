using System.Text.Json.Serialization;

namespace VideoPlatform.Api.Contracts;

public sealed record RegisterRequest(string? Username, string? Email, string? Password);

public sealed record LoginRequest(string? Username, string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record RegisteredResponse(string Id, string Username);

public sealed record UserResponse(
    string Id, string Username, string DisplayName, string? AvatarUrl, string Bio, int SubscriberCount, int SubscriptionCount,
    IReadOnlyList<string>? Roles = null, string? Email = null);

public sealed record UpdateProfileRequest(string? DisplayName, string? AvatarUrl, string? Bio);

/// <summary>RFC 6749 section 5.1 names, which OAuth2 clients expect instead of the Api's camelCase.</summary>
public sealed record OAuthTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken);

/// <summary>The web app's sign-in answer: the refresh token went into the session cookie instead.</summary>
public sealed record SessionResponse(string AccessToken, int ExpiresIn, VideoPlatform.Api.Auth.UserRef User);
