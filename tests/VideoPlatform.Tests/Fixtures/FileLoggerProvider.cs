using Microsoft.Extensions.Logging;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>Appends log lines to one file; for diagnosing cluster tests (VP_TEST_LOGS).</summary>
public sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new FileLogger(path, categoryName);

    public void Dispose()
    {
    }

    private sealed class FileLogger(string path, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= LogLevel.Warning || (logLevel >= LogLevel.Information && category.StartsWith("VideoPlatform", StringComparison.Ordinal));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            lock (Gate)
            {
                File.AppendAllText(path, $"{logLevel} {category}: {formatter(state, exception)} {exception}\n");
            }
        }
    }
}
