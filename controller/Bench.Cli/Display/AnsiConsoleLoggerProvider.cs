using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Bench.Cli.Display;

/// <summary>
/// Console log lines written through Spectre.Console while the live display is up: they scroll above it
/// instead of tearing through it, as writes behind its back would. The same one-line form as the plain console.
/// </summary>
public sealed class AnsiConsoleLoggerProvider(IAnsiConsole console, TimeProvider clock) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new AnsiConsoleLogger(console, clock, categoryName);

    public void Dispose()
    {
        // Nothing held: the console belongs to the process.
    }

    private sealed class AnsiConsoleLogger(IAnsiConsole console, TimeProvider clock, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            if (exception is not null) message += $" ({exception.GetType().Name}: {exception.Message})";
            var (level, style) = logLevel switch
            {
                LogLevel.Trace => ("trce", new Style(Color.Grey)),
                LogLevel.Debug => ("dbug", new Style(Color.Grey)),
                LogLevel.Information => ("info", Style.Plain),
                LogLevel.Warning => ("warn", new Style(Color.Yellow)),
                LogLevel.Error => ("fail", new Style(Color.Red)),
                _ => ("crit", new Style(Color.Red, decoration: Decoration.Bold)),
            };
            // Text, not markup: a log message is never parsed for [styles].
            console.Write(new Text($"{clock.GetLocalNow():HH:mm:ss.fff} {level}: {category} {message}{Environment.NewLine}", style));
        }
    }
}
