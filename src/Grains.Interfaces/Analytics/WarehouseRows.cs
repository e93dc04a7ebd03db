using System.Text.Json;
using System.Text.Json.Serialization;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Analytics;

/// <summary>Every event kind the warehouse stores → its row: the stream namespace, its key, a type and the event as JSON.</summary>
public static class WarehouseRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static WarehouseEvent From(string videoId, PlaybackEvent e) =>
        Row(e.EventId, e.At, StreamNames.Playback, videoId, Lower(e.Type), e) with { Playback = e };

    public static WarehouseEvent From(VideoEvent e) => Row(e.EventId.ToString(), e.At, StreamNames.Video, e.VideoId, Lower(e.To), e);

    public static WarehouseEvent From(UploadEvent e) => Row(e.EventId.ToString(), e.At, StreamNames.Upload, e.UploadId, Lower(e.To), e);

    public static WarehouseEvent From(TranscodeJobEvent e) =>
        Row(e.EventId.ToString(), e.At, StreamNames.TranscodeJob, e.VideoId, Lower(e.To), e);

    public static WarehouseEvent From(ChannelEvent e) => Row(e.EventId.ToString(), e.At, StreamNames.Live, e.ChannelId, e.Kind, e);

    public static PlaybackEvent ReadPlayback(string json) =>
        JsonSerializer.Deserialize<PlaybackEvent>(json, Json) ?? throw new InvalidDataException("A playback row without an event");

    public static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static WarehouseEvent Row<T>(string id, DateTimeOffset at, string stream, string subject, string type, T e) => new()
    {
        EventId = id,
        At = at,
        Stream = stream,
        SubjectId = subject,
        Type = type,
        Data = JsonSerializer.Serialize(e, Json),
    };
}
