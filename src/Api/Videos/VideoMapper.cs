using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Playback;
using VideoPlatform.Grains.Analytics;
using VideoPlatform.Grains.Users;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Videos;

/// <summary>Grain snapshot → public JSON shape (../shared/API.md), as the given caller may see it.</summary>
public sealed class VideoMapper(PlaybackUrls urls, PlaybackTokens tokens, IClusterClient grains, IMemoryCache cache)
{
    // Usernames never change (a profile patch cannot touch them), so an owner costs one grain call per process
    // and hour instead of one per response.
    private static readonly TimeSpan OwnerNameLifetime = TimeSpan.FromHours(1);

    // Views reach the stats grain in the players' event batches, seconds after the watching: a count up to 5 s older
    // makes a watched video's read one grain call instead of two (bench 5a, docs/benchmarks.md).
    private static readonly TimeSpan ViewsLifetime = TimeSpan.FromSeconds(5);

    /// <param name="views">The view count when the caller has it already; otherwise asked of the stats grain.</param>
    public async Task<VideoResponse> MapAsync(VideoDetails v, ClaimsPrincipal caller, bool includeUpload = false, long? views = null)
    {
        var manager = ResourceAccess.IsOwnerOrAdmin(v.OwnerId, caller);
        string? token = null;
        if (v.Visibility != Visibility.Public && v.Playable)
        {
            token = await tokens.CreateAsync(v, manager ? Caller.IdOf(caller) : null);
        }

        var folder = v.Playable ? await urls.FolderAsync(v, token) : null;
        var owner = v.OwnerId is null ? null : await OwnerNameAsync(v.OwnerId);
        return Map(v, folder, owner, manager) with
        {
            Upload = includeUpload
                ? new UploadInstructions("/api/uploads", new Dictionary<string, string> { ["videoId"] = v.Id }, $"/api/videos/{v.Id}/source")
                : null,
            Views = v.Playable ? views ?? await ViewsAsync(v.Id) : null,
        };
    }

    private async Task<long> ViewsAsync(string videoId)
    {
        if (cache.TryGetValue(new ViewsOf(videoId), out long views))
        {
            return views;
        }

        views = await grains.GetGrain<IVideoStatsGrain>(videoId).GetViews();
        cache.Set(new ViewsOf(videoId), views, ViewsLifetime);
        return views;
    }

    private async Task<string?> OwnerNameAsync(string ownerId)
    {
        if (cache.TryGetValue<string>((typeof(VideoMapper), ownerId), out var name))
        {
            return name;
        }

        name = (await grains.GetGrain<IUserGrain>(ownerId).Get())?.Username;
        if (name is not null)
        {
            cache.Set((typeof(VideoMapper), ownerId), name, OwnerNameLifetime);
        }

        return name;
    }

    private readonly record struct ViewsOf(string VideoId);

    private static VideoResponse Map(VideoDetails v, string? folder, string? ownerName, bool manager) => new()
    {
        Id = v.Id,
        Title = v.Title,
        Description = v.Description,
        Tags = v.Tags,
        Visibility = v.Visibility,
        Owner = v.OwnerId is null ? null : new OwnerResponse(v.OwnerId, ownerName),
        Status = v.Status,
        Progress = v.Progress,
        // The failure message may name internals of the source file: only its owner reads it.
        Failure = v.Failure is null ? null : new FailureResponse(v.Failure.Code, manager ? v.Failure.Message : v.Failure.Code),
        Duration = v.Source is { DurationSeconds: > 0 } s ? Math.Round(s.DurationSeconds, 3) : null,
        Source = v.Source is { Width: > 0 } src
            ? new SourceResponse(src.Width, src.Height, src.FrameRate, src.VideoCodec, src.AudioCodec, src.Size)
            : null,
        Renditions = v.Renditions.Select(r => new RenditionResponse(r.Name, r.Width, r.Height, r.Bitrate, r.FrameRate)).ToList(),
        // While processing, a playable video has its growing ladder and no poster or storyboard yet.
        Playback = v.Playable && folder is not null
            ? new PlaybackResponse(PlaybackUrls.For(folder, v.Id, v.MasterKey), v.PosterKey is null ? null : PlaybackUrls.For(folder, v.Id, v.PosterKey),
                v.StoryboardKey is null ? null : PlaybackUrls.For(folder, v.Id, v.StoryboardKey))
            : null,
        CreatedAt = v.CreatedAt,
        UpdatedAt = v.UpdatedAt,
        PublishedAt = v.PublishedAt,
    };
}
