using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Bench.Cli;

/// <summary>One-line console logs: campaign progress by default, every component with --verbose; with a run log, warnings and progress go there too.</summary>
public static class ConsoleLogging
{
    public static ILoggerFactory Create(bool verbose, RunLogFile? runLog = null) => LoggerFactory.Create(builder =>
    {
        builder.AddSimpleConsole(options =>
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
