using System.Globalization;
using Bench.Codec;

namespace Bench.Cli;

/// <summary>
/// The one way an unexpected exception leaves the bench: a single line on the console naming the
/// error and the log file, the stack trace (card numbers masked) in that file, exit code
/// <see cref="ExitCodes.InternalError"/>. Without a run log the trace goes to a file in the temp folder.
/// </summary>
public static class InternalError
{
    /// <param name="command">The command's name for the console line, e.g. <c>bench run</c>.</param>
    /// <param name="logFile">The run's log file; null (or unwritable) uses a new file in the temp folder.</param>
    public static int Report(Exception error, string command, string? logFile, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(error);
        var written = logFile is not null && TryAppend(logFile, error) ? logFile : null;
        if (written is null)
        {
            var fallback = Path.Combine(Path.GetTempPath(), $"bench-internal-error-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Environment.ProcessId}.log");
            written = TryAppend(fallback, error) ? fallback : null;
        }

        var firstLine = error.Message.Split('\n', 2)[0].TrimEnd('\r');
        var where = written is null ? "the stack trace could not be written anywhere" : $"the stack trace is in {written}";
        // Only the message is masked: a file path may hold a long digit run that is no card number.
        console.WriteLine($"{command}: internal error: {error.GetType().Name}: {PanMask.MaskText(firstLine)}; {where}; please report it with that file");
        return ExitCodes.InternalError;
    }

    private static bool TryAppend(string file, Exception error)
    {
        try
        {
            var stamp = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            File.AppendAllText(file, PanMask.MaskText($"{stamp} internal error (exit {ExitCodes.InternalError}):{Environment.NewLine}{error}{Environment.NewLine}"));
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
