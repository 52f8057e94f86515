using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Bench.Cli;

/// <summary>One-line console logs: campaign progress by default, every component with --verbose; with a run log, warnings and progress go there too.</summary>
public static class ConsoleLogging
{
    /// <param name="console">Writes the console lines instead of the plain console logger (the live display's, so lines scroll above it).</param>
    public static ILoggerFactory Create(bool verbose, RunLogFile? runLog = null, ILoggerProvider? console = null) => LoggerFactory.Create(builder =>
    {
        if (console is not null) builder.AddProvider(console);
        else builder.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
            options.IncludeScopes = false;
        });
        if (runLog is not null) builder.AddProvider(runLog);
        builder.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning);
        if (!verbose)
        {
            builder.AddFilter("Bench.Cli", LogLevel.Information);
            builder.AddFilter("Bench.Campaigns.Running.CampaignRunner", LogLevel.Information);
        }
    });
}
