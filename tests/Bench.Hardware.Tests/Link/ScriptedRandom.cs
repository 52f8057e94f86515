namespace Bench.Hardware.Tests.Link;

/// <summary>A random source that returns the given draws, so a test decides which transmission is lost.</summary>
internal sealed class ScriptedRandom(params double[] draws) : Random
{
    private readonly Queue<double> draws = new(draws);

    public override double NextDouble() =>
        draws.TryDequeue(out double draw) ? draw : throw new InvalidOperationException("the test scripted too few draws");
}
