namespace Bench.Host.Tests;
