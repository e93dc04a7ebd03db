namespace VideoPlatform.Grains.Users;

/// <summary>One account: profile, roles, credentials (a password hash only), subscriptions. Keyed by user id.</summary>
[Alias("VideoPlatform.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; the username and email must already be claimed for this id.</summary>
    [Alias("Register")]
    Task<UserProfile> Register(NewUser user);

    /// <summary>Null when the account does not exist.</summary>
    [Alias("Get"), ReadOnly]
    Task<UserProfile?> Get();

    /// <summary>The stored password hash; null when the account does not exist.</summary>
    [Alias("GetCredentials"), ReadOnly]
    Task<UserCredentials?> GetCredentials();

    /// <summary>Stores <paramref name="replacement"/> when the hash is still <paramref name="expected"/> (a rehash at login); false otherwise.</summary>
    [Alias("ReplacePasswordHash")]
    Task<bool> ReplacePasswordHash(string expected, string replacement);

    [Alias("UpdateProfile")]
    Task<UserProfile> UpdateProfile(ProfilePatch patch);

    /// <summary>This user follows <paramref name="creatorId"/>; false when the creator does not exist.</summary>
    [Alias("Subscribe")]
    Task<bool> Subscribe(string creatorId);

    /// <summary>Like <see cref="Subscribe"/>, refusing a new subscription beyond <paramref name="maxSubscriptions"/>.</summary>
    [Alias("SubscribeWithin")]
    Task<SubscribeResult> Subscribe(string creatorId, int maxSubscriptions);

    [Alias("Unsubscribe")]
    Task Unsubscribe(string creatorId);

    [Alias("GetSubscriptions"), ReadOnly]
    Task<IReadOnlyList<string>> GetSubscriptions();

    /// <summary>Called by a follower's grain: adjusts this creator's subscriber set.</summary>
    [Alias("SetSubscriber")]
    Task<bool> SetSubscriber(string followerId, bool subscribed);
}
