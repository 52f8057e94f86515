namespace Bench.Hardware;
