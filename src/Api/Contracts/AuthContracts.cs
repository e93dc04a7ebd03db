namespace VideoPlatform.Api.Contracts;

public sealed record RegisterRequest(string? Username, string? Email, string? Password);

public sealed record LoginRequest(string? Username, string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record RegisteredResponse(string Id, string Username);

public sealed record UserResponse(
    string Id, string Username, string DisplayName, string? AvatarUrl, string Bio, int SubscriberCount, int SubscriptionCount,
    IReadOnlyList<string>? Roles = null, string? Email = null);

public sealed record UpdateProfileRequest(string? DisplayName, string? AvatarUrl, string? Bio);
