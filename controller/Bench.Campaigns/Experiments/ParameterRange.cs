namespace Bench.Campaigns.Experiments;

/// <summary>The closed interval a sweep searches, in the experiment kind's unit.</summary>
public sealed record ParameterRange(double From, double To)
{
    public double Width => To - From;
}
