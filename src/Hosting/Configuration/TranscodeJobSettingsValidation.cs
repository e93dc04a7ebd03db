using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Transcoding;

namespace VideoPlatform.Hosting.Configuration;

/// <summary>Refuses to start a silo whose transcode job settings cannot work.</summary>
internal sealed class TranscodeJobSettingsValidation : IValidateOptions<TranscodeJobSettings>
{
    public ValidateOptionsResult Validate(string? name, TranscodeJobSettings options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
