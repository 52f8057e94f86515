namespace Bench.Results;
