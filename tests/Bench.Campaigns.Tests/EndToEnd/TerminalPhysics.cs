using System.Threading.Channels;
using Bench.Campaigns.Fixtures;
using Bench.Codec;
using Bench.Hardware.Simulation;
using Terminal = Bench.SimulatedTerminal.SimulatedTerminal;

namespace Bench.Campaigns.Tests.EndToEnd;

/// <summary>
/// What the wiring does to a real terminal: the power relay switches it, the solenoid swipes the card. Harness
/// events arrive under the GPIO driver's lock, so the terminal reacts here, one event at a time and in order.
/// </summary>
internal sealed class TerminalPhysics : IAsyncDisposable
{
    private readonly WiringHarness harness;
    private readonly Terminal terminal;
    private readonly string track;
    private readonly Channel<Action> reactions = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;

    public TerminalPhysics(WiringHarness harness, Terminal terminal, TestCardDefinition card)
    {
        this.harness = harness;
        this.terminal = terminal;
        track = new MagneticStripeCard(card.Pan, card.Expiry, card.ServiceCode, card.DiscretionaryData).RawTrack;
        harness.SwipeActuated += OnSwipe;
        harness.TerminalPowerChanged += OnPower;
        loop = Task.Run(async () =>
        {
            await foreach (var reaction in reactions.Reader.ReadAllAsync()) reaction();
        });
    }

    public async ValueTask DisposeAsync()
    {
        harness.SwipeActuated -= OnSwipe;
        harness.TerminalPowerChanged -= OnPower;
        reactions.Writer.TryComplete();
        await loop;
    }

    private void OnSwipe(object? sender, SwipeActuation swipe) => reactions.Writer.TryWrite(() => terminal.Swipe(track));

    private void OnPower(object? sender, CircuitChange change) => reactions.Writer.TryWrite(change.IsOn ? terminal.PowerOn : terminal.PowerOff);
}
