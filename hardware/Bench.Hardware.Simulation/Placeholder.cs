namespace Bench.Hardware.Simulation;
