using System.Security.Claims;
using VideoPlatform.Api.Uploads;
using VideoPlatform.Api.Videos;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Auth;

public enum VideoAction
{
    /// <summary>Read metadata and play: anyone for public and unlisted videos, owner or admin for private ones; nobody for a deleted one.</summary>
    View,
    /// <summary>Edit, delete, upload to, see private metadata: owner or admin.</summary>
    Manage,
}

/// <summary>
/// The ownership rules of the Api, in one place. A caller that may not even see a video gets 404 (its existence is
/// not revealed); one that may see it but not manage it gets 403.
/// </summary>
public sealed class ResourceAccess(IClusterClient grains)
{
    public static bool IsOwnerOrAdmin(string? ownerId, ClaimsPrincipal user) =>
        Caller.IsAdmin(user) || (ownerId is not null && Caller.IdOf(user) == ownerId);

    public static bool CanView(VideoDetails video, ClaimsPrincipal user) =>
        video.Visibility != Visibility.Private || IsOwnerOrAdmin(video.OwnerId, user);

    public async Task<Access<VideoDetails>> VideoAsync(string id, ClaimsPrincipal user, VideoAction action)
    {
        var video = PlatformIds.IsWellFormed(id) ? await grains.GetGrain<IVideoGrain>(id).Get() : null;
        if (video is null || !CanView(video, user))
        {
            return new(null, Errors.ApiProblem.NotFound("Video", id));
        }

        if (video.Status == VideoStatus.Deleted)
        {
            return new(null, Errors.ApiProblem.Deleted("Video", id));
        }

        return action == VideoAction.Manage && !IsOwnerOrAdmin(video.OwnerId, user) ? new(null, AuthSetup.Forbidden()) : new(video, null);
    }

    /// <summary>A tus upload belongs to the user who created it.</summary>
    public async Task<Access<UploadInfo>> UploadAsync(string uploadId, ClaimsPrincipal user)
    {
        var upload = PlatformIds.IsUpload(uploadId) ? await grains.GetGrain<IUploadGrain>(uploadId).Get() : null;
        if (upload is null)
        {
            return new(null, TusResults.UploadNotFound());
        }

        return IsOwnerOrAdmin(upload.OwnerId, user) ? new(upload, null) : new(null, AuthSetup.Forbidden());
    }
}

/// <summary>The resource when allowed, else the response that refuses it.</summary>
public sealed record Access<T>(T? Value, IResult? Denied) where T : class;
