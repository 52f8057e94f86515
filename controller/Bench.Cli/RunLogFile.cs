using System.Globalization;
using Bench.Codec;
using Microsoft.Extensions.Logging;

namespace Bench.Cli;

/// <summary>
/// The run's log file (<c>bench.log</c> in the output folder, appended to): every warning and error
/// with its exception, and an internal error's stack trace, which stays off the console. Card
/// numbers are masked. Thread-safe.
/// </summary>
public sealed class RunLogFile : ILoggerProvider
{
    public const string FileName = "bench.log";
    private readonly StreamWriter writer;
    private readonly Lock gate = new();

    private RunLogFile(string path, StreamWriter writer)
    {
        Path = path;
        this.writer = writer;
    }

    public string Path { get; }

    /// <exception cref="IOException">The file cannot be opened for appending.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static RunLogFile Open(string folder)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        return new RunLogFile(path, new StreamWriter(stream) { AutoFlush = true });
    }

    public void Write(string category, LogLevel level, string message, Exception? exception = null)
    {
        var stamp = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var text = exception is null ? message : $"{message}{Environment.NewLine}{exception}";
        lock (gate) writer.WriteLine(PanMask.MaskText($"{stamp} {level} {category}: {text}"));
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (gate) writer.Dispose();
    }

    private sealed class FileLogger(RunLogFile file, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            file.Write(category, logLevel, formatter(state, exception), exception);
        }
    }
}
