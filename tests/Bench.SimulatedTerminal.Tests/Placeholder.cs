namespace Bench.SimulatedTerminal.Tests;
