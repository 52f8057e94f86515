using Microsoft.Extensions.Logging;

namespace Bench.Campaigns.Tests;

/// <summary>A logger that keeps every formatted message, so a test can check what reached the log.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<string> messages = [];

    public IReadOnlyList<string> Messages
    {
        get { lock (messages) return [.. messages]; }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (messages) messages.Add(formatter(state, exception));
    }
}
