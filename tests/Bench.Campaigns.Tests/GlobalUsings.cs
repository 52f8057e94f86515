global using Bench.Fixtures;
global using NUnit.Framework;
