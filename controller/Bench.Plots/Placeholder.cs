namespace Bench.Plots;
