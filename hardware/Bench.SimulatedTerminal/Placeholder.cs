namespace Bench.SimulatedTerminal;
