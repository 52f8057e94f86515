namespace Bench.Hardware.Tests;
