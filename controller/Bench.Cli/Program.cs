using System.CommandLine;
using Bench.Cli.Benchmarks;
using Bench.Cli.Commands;

// The bench command line: each subcommand lives in Commands/ (or Benchmarks/) and is added here.
var root = new RootCommand("Bench: hardware-in-the-loop test bench for card payment terminals");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(HostCommand.Create());
root.Subcommands.Add(BenchmarkCommand.Create());
return await root.Parse(args).InvokeAsync();
