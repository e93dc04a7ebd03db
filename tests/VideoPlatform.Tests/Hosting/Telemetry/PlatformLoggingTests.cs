using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Hosting.Telemetry;

namespace VideoPlatform.Tests.Hosting.Telemetry;

/// <summary>Captures the console, so no other test runs meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}

[Collection(ConsoleCollection.Name)]
[Trait("Category", "Unit")]
public sealed class PlatformLoggingTests
{
    [Fact]
    public void JsonLogs_ALineWrittenInATrace_CarriesItsTraceId()
    {
        var marker = $"marker-{Guid.NewGuid():N}";
        var captured = new StringWriter();
        var original = Console.Out;
        string traceId;
        Console.SetOut(TextWriter.Synchronized(captured));
        try
        {
            traceId = LogInATrace(marker);
        }
        finally
        {
            Console.SetOut(original);
        }

        var line = captured.ToString().Split('\n').Single(l => l.Contains(marker, StringComparison.Ordinal));
        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal("Warning", json.GetProperty("LogLevel").GetString());
        Assert.Contains(json.GetProperty("Scopes").EnumerateArray(),
            scope => scope.TryGetProperty("TraceId", out var id) && id.GetString() == traceId);
    }

    /// <summary>Logs one line inside an Activity; disposing the provider on return drains the console logger's queue.</summary>
    private static string LogInATrace(string marker)
    {
        using var services = new ServiceCollection()
            .AddLogging(l => l.AddPlatformConsole(new TelemetrySettings { JsonLogs = true }))
            .BuildServiceProvider();
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        services.GetRequiredService<ILogger<PlatformLoggingTests>>().LogWarning("{Marker} happened", marker);
        return activity.TraceId.ToHexString();
    }
}
