namespace VideoPlatform.Grains.Users;

[GenerateSerializer, Alias("VideoPlatform.UserState")]
public sealed class UserState
{
    [Id(0)] public UserProfile? Profile { get; set; }
    [Id(1)] public string PasswordHash { get; set; } = "";
    [Id(2)] public HashSet<string> Subscriptions { get; set; } = [];
    [Id(3)] public HashSet<string> Subscribers { get; set; } = [];
}

/// <summary>One account. Subscriptions are kept on both sides: the follower's list and the creator's subscriber set.</summary>
public sealed class UserGrain([PersistentState("user")] IPersistentState<UserState> state, TimeProvider time) : Grain, IUserGrain
{
    private UserState S => state.State;

    private UserProfile Profile => S.Profile ?? throw new InvalidOperationException($"User '{this.GetPrimaryKeyString()}' does not exist");

    public async Task<UserProfile> Register(NewUser user)
    {
        if (S.Profile is { } existing)
        {
            return existing.Username == user.Username ? existing : throw new InvalidOperationException("User already exists");
        }

        S.Profile = new UserProfile
        {
            Id = this.GetPrimaryKeyString(),
            Username = user.Username,
            Email = user.Email,
            DisplayName = user.Username,
            Roles = user.Roles,
            CreatedAt = time.GetUtcNow(),
        };
        S.PasswordHash = user.PasswordHash;
        await state.WriteStateAsync();
        return S.Profile;
    }

    public Task<UserProfile?> Get() => Task.FromResult(S.Profile);

    public Task<UserCredentials?> GetCredentials() => Task.FromResult(S.Profile is null ? null : new UserCredentials(S.PasswordHash));

    public async Task<bool> ReplacePasswordHash(string expected, string replacement)
    {
        if (S.Profile is null || S.PasswordHash != expected)
        {
            return false;
        }

        S.PasswordHash = replacement;
        await state.WriteStateAsync();
        return true;
    }

    public async Task<UserProfile> UpdateProfile(ProfilePatch patch)
    {
        var p = Profile;
        S.Profile = p with
        {
            DisplayName = patch.DisplayName ?? p.DisplayName,
            AvatarUrl = patch.AvatarUrl ?? p.AvatarUrl,
            Bio = patch.Bio ?? p.Bio,
        };
        await state.WriteStateAsync();
        return S.Profile;
    }

    public async Task<bool> Subscribe(string creatorId) => await Subscribe(creatorId, int.MaxValue) != SubscribeResult.CreatorNotFound;

    public async Task<SubscribeResult> Subscribe(string creatorId, int maxSubscriptions)
    {
        _ = Profile;
        if (S.Subscriptions.Contains(creatorId))
        {
            return SubscribeResult.Subscribed;
        }

        if (S.Subscriptions.Count >= maxSubscriptions)
        {
            return SubscribeResult.LimitReached;
        }

        if (creatorId == this.GetPrimaryKeyString() || !await GrainFactory.GetGrain<IUserGrain>(creatorId).SetSubscriber(this.GetPrimaryKeyString(), true))
        {
            return SubscribeResult.CreatorNotFound;
        }

        S.Subscriptions.Add(creatorId);
        await SaveCountsAsync();
        return SubscribeResult.Subscribed;
    }

    public async Task Unsubscribe(string creatorId)
    {
        if (creatorId == this.GetPrimaryKeyString())
        {
            return;
        }

        await GrainFactory.GetGrain<IUserGrain>(creatorId).SetSubscriber(this.GetPrimaryKeyString(), false);
        if (S.Subscriptions.Remove(creatorId))
        {
            await SaveCountsAsync();
        }
    }

    public Task<IReadOnlyList<string>> GetSubscriptions() => Task.FromResult<IReadOnlyList<string>>([.. S.Subscriptions.Order(StringComparer.Ordinal)]);

    public async Task<bool> SetSubscriber(string followerId, bool subscribed)
    {
        if (S.Profile is null)
        {
            return false;
        }

        var changed = subscribed ? S.Subscribers.Add(followerId) : S.Subscribers.Remove(followerId);
        if (changed)
        {
            await SaveCountsAsync();
        }

        return true;
    }

    private Task SaveCountsAsync()
    {
        S.Profile = Profile with { SubscriberCount = S.Subscribers.Count, SubscriptionCount = S.Subscriptions.Count };
        return state.WriteStateAsync();
    }
}
