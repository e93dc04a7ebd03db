namespace VideoPlatform.Grains.Users;

public enum UserRole { Viewer, Creator, Admin }

[GenerateSerializer, Alias("VideoPlatform.SubscribeResult")]
public enum SubscribeResult { Subscribed, CreatorNotFound, LimitReached }

[GenerateSerializer, Immutable, Alias("VideoPlatform.NewUser")]
public sealed record NewUser
{
    [Id(0)] public required string Username { get; init; }
    [Id(1)] public required string Email { get; init; }
    /// <summary>A PBKDF2 hash made by the Api; the clear password never reaches a grain.</summary>
    [Id(2)] public required string PasswordHash { get; init; }
    [Id(3)] public required IReadOnlyList<UserRole> Roles { get; init; }
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.UserProfile")]
public sealed record UserProfile
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Username { get; init; }
    [Id(2)] public required string Email { get; init; }
    [Id(3)] public string DisplayName { get; init; } = "";
    [Id(4)] public string? AvatarUrl { get; init; }
    [Id(5)] public string Bio { get; init; } = "";
    [Id(6)] public IReadOnlyList<UserRole> Roles { get; init; } = [];
    [Id(7)] public int SubscriberCount { get; init; }
    [Id(8)] public int SubscriptionCount { get; init; }
    [Id(9)] public DateTimeOffset CreatedAt { get; init; }
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.UserCredentials")]
public sealed record UserCredentials([property: Id(0)] string PasswordHash);

[GenerateSerializer, Immutable, Alias("VideoPlatform.ProfilePatch")]
public sealed record ProfilePatch
{
    [Id(0)] public string? DisplayName { get; init; }
    [Id(1)] public string? AvatarUrl { get; init; }
    [Id(2)] public string? Bio { get; init; }
}
