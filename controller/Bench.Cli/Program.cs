using System.CommandLine;
using Bench.Cli;
using Bench.Cli.Benchmarks;
using Bench.Cli.Commands;

// The bench command line: each subcommand lives in Commands/ (or Benchmarks/) and is added here.
var root = new RootCommand("Bench: hardware-in-the-loop test bench for card payment terminals");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(HostCommand.Create());
root.Subcommands.Add(ProxyCommand.Create());
root.Subcommands.Add(RigCheckCommand.Create());
root.Subcommands.Add(BenchmarkCommand.Create());
// Ctrl-C cancels the command's token; a campaign then records its run as cancelled and puts the
// rig in its safe state, which can take a few seconds, before the process is ended regardless.
// An exception no command handled is an internal error (exit 4): one line here, the stack trace in a file.
var invocation = new InvocationConfiguration
{
    ProcessTerminationTimeout = TimeSpan.FromSeconds(15),
    EnableDefaultExceptionHandler = false,
};
var parsed = root.Parse(args);
try
{
    var exitCode = await parsed.InvokeAsync(invocation);
    // A command line that does not parse is bad input, like a bad campaign file.
    return parsed.Errors.Count > 0 ? ExitCodes.BadInput : exitCode;
}
catch (Exception error)
{
    return InternalError.Report(error, "bench", logFile: null, Console.Error);
}
