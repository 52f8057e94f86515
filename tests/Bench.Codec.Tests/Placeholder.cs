namespace Bench.Codec.Tests;
