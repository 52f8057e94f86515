namespace Bench.SimulatedTerminal;

/// <summary>What the card reader's head picked up from one swipe.</summary>
/// <param name="RawTrack">Track 2 with sentinels and LRC.</param>
/// <param name="Passage">How long the card took to cross the head; null when the swiper does not say (a solenoid's spring is always fast enough).</param>
internal sealed record CardSwipe(string RawTrack, TimeSpan? Passage);
