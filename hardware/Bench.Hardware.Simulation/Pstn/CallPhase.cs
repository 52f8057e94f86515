namespace Bench.Hardware.Simulation.Pstn;

/// <summary>Where a <see cref="PhoneCall"/> is: ringing, training after the answer, connected, or over.</summary>
internal enum CallPhase
{
    Ringing,
    Training,
    Connected,
    Ended,
}
