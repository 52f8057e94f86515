namespace Bench.Host;
