namespace VideoPlatform.Api.Transport;

/// <summary>The client's side of a body received by <see cref="SocketBodyReceiver"/> failed: closed, reset or silent.</summary>
public sealed class BodyReceiveException(string message) : IOException(message);
