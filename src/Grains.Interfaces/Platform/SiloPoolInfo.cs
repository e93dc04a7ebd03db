namespace VideoPlatform.Grains.Platform;

/// <summary>The pool of the silo in this process, available to grains through DI.</summary>
public sealed record SiloPoolInfo(SiloPool Pool);
