using System.CommandLine;
using Bench.Cli;
using Bench.Cli.Benchmarks;
using Bench.Cli.Commands;

// The bench command line: each subcommand lives in Commands/ (or Benchmarks/) and is added here.
var root = new RootCommand("Bench: hardware-in-the-loop test bench for card payment terminals");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(HostCommand.Create());
root.Subcommands.Add(BenchmarkCommand.Create());
// Ctrl-C cancels the command's token; a campaign then records its run as cancelled and puts the
// rig in its safe state, which can take a few seconds, before the process is ended regardless.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) };
var parsed = root.Parse(args);
var exitCode = await parsed.InvokeAsync(invocation);
// A command line that does not parse is bad input, like a bad campaign file.
return parsed.Errors.Count > 0 ? ExitCodes.BadInput : exitCode;
