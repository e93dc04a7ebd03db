namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>A parsed command message: name, transaction id, command object and the arguments after it.</summary>
/// <param name="StreamId">The message stream it arrived on (publish comes on the created stream).</param>
public sealed record RtmpCommand(
    string Name,
    double TransactionId,
    AmfValue CommandObject,
    IReadOnlyList<AmfValue> Arguments,
    uint StreamId)
{
    public string? StringArgument(int index) =>
        index < Arguments.Count ? (Arguments[index] as AmfString)?.Value : null;

    public double? NumberArgument(int index) =>
        index < Arguments.Count ? (Arguments[index] as AmfNumber)?.Value : null;
}
