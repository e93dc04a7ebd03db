using Microsoft.Extensions.Options;

namespace VideoPlatform.TranscodeSilo.Ingest.Server;

/// <summary>Refuses to start a media silo with an out-of-range <see cref="LiveIngestSettings"/> limit.</summary>
internal sealed class LiveIngestSettingsValidation : IValidateOptions<LiveIngestSettings>
{
    public ValidateOptionsResult Validate(string? name, LiveIngestSettings options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
