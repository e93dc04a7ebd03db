using VideoPlatform.Api.Contracts;
using VideoPlatform.Api.Playback;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Videos;

/// <summary>Grain snapshot → public JSON shape (../shared/API.md).</summary>
public sealed class VideoMapper(PlaybackUrls urls)
{
    public VideoResponse Map(VideoDetails v, bool includeUpload = false) => new()
    {
        Id = v.Id,
        Title = v.Title,
        Description = v.Description,
        Tags = v.Tags,
        Visibility = v.Visibility,
        Owner = v.OwnerId is null ? null : new OwnerResponse(v.OwnerId, null),
        Status = v.Status,
        Progress = v.Progress,
        Failure = v.Failure is null ? null : new FailureResponse(v.Failure.Code, v.Failure.Message),
        Duration = v.Source is { DurationSeconds: > 0 } s ? Math.Round(s.DurationSeconds, 3) : null,
        Source = v.Source is { Width: > 0 } src
            ? new SourceResponse(src.Width, src.Height, src.FrameRate, src.VideoCodec, src.AudioCodec, src.Size)
            : null,
        Renditions = v.Renditions.Select(r => new RenditionResponse(r.Name, r.Width, r.Height, r.Bitrate, r.FrameRate)).ToList(),
        Playback = v.Status == VideoStatus.Ready && v.MasterKey is not null
            ? new PlaybackResponse(urls.For(v.Id, v.MasterKey), v.PosterKey is null ? null : urls.For(v.Id, v.PosterKey),
                v.StoryboardKey is null ? null : urls.For(v.Id, v.StoryboardKey))
            : null,
        CreatedAt = v.CreatedAt,
        UpdatedAt = v.UpdatedAt,
        PublishedAt = v.PublishedAt,
        Upload = includeUpload
            ? new UploadInstructions("/api/uploads", new Dictionary<string, string> { ["videoId"] = v.Id }, $"/api/videos/{v.Id}/source")
            : null,
    };
}
