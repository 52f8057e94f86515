using Bench.Codec;
using Bench.Hardware;
using Bench.Hardware.Ecr;
using Microsoft.Extensions.Time.Testing;

namespace Bench.SimulatedTerminal.Tests;

/// <summary>
/// One simulated terminal wired for a test: fake clock, loopback fake host, a socket-pair ECR
/// cable with an <see cref="EcrClient"/> on the controller end, and a temporary flash directory.
/// </summary>
internal sealed class TerminalRig : IAsyncDisposable
{
    public static readonly TerminalProfile DefaultProfile = new(
        Model: "SIM-1", Link: "tcp",
        ResponseTimeout: TimeSpan.FromSeconds(60), ConnectTimeout: TimeSpan.FromSeconds(10), CardReadTimeout: TimeSpan.FromSeconds(30),
        ReversalResendCount: 2, SimulationTimeScale: 1, TerminalId: "12345678", MerchantId: "123456789012345");

    public static MagneticStripeCard Card { get; } = new("6222020000000000018", "2912", "101", "0000");

    private readonly CancellationTokenSource deadline = new(TimeSpan.FromSeconds(20));
    private readonly SerialCable cable;

    private TerminalRig(TerminalProfile profile, SerialCable cable, bool keepConnectionOpen, TerminalMasterKey? masterKey)
    {
        this.cable = cable;
        Profile = profile;
        Host = new FakeHost(MacKey());
        Modem = new ThrottledModem(Host.EndPoint, profile.ConnectTimeout, Time);
        FlashDirectory = Path.Combine(Path.GetTempPath(), "bench-terminal-" + Guid.NewGuid().ToString("N"));
        var options = new SimulatedTerminalOptions(Host.EndPoint, FlashDirectory, MacKey())
        {
            KeepConnectionOpen = keepConnectionOpen,
            Modem = Modem,
            MasterKey = masterKey,
        };
        Terminal = new SimulatedTerminal(profile, options, cable.TerminalEnd, Time);
        Ecr = new EcrClient(cable.ControllerEnd);
    }

    public FakeTimeProvider Time { get; } = new();
    public FakeHost Host { get; }

    /// <summary>The terminal's modem: Ethernet to the fake host, which a test can slow down.</summary>
    public ThrottledModem Modem { get; }
    public SimulatedTerminal Terminal { get; }
    public EcrClient Ecr { get; }
    public TerminalProfile Profile { get; }
    public string FlashDirectory { get; }

    /// <summary>Cancels every wait of the test after 20 s of wall time, so a broken terminal fails the test instead of hanging it.</summary>
    public CancellationToken Token => deadline.Token;

    public static byte[] MacKey() => [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88];

    /// <summary>A rig whose terminal is on, signed on and READY.</summary>
    /// <param name="bugs">The firmware's bugs; null keeps the profile's (none in <see cref="DefaultProfile"/>).</param>
    /// <param name="masterKey">The terminal's master key: it then takes its working keys from the sign-on reply. Null: it MACs with <see cref="MacKey"/>.</param>
    public static async Task<TerminalRig> StartAsync(
        FirmwareBugs? bugs = null, TerminalProfile? profile = null, bool keepConnectionOpen = false, TerminalMasterKey? masterKey = null)
    {
        var rig = await CreateAsync(bugs, profile, keepConnectionOpen, masterKey);
        await rig.PowerOnAsync();
        return rig;
    }

    /// <summary>A rig whose terminal is still off.</summary>
    public static async Task<TerminalRig> CreateAsync(
        FirmwareBugs? bugs = null, TerminalProfile? profile = null, bool keepConnectionOpen = false, TerminalMasterKey? masterKey = null) =>
        new(bugs is null ? profile ?? DefaultProfile : (profile ?? DefaultProfile) with { FirmwareBugs = bugs }, await SerialCable.CreateAsync(), keepConnectionOpen, masterKey);

    /// <summary>Overwrites one of the terminal's flash records with bytes that are not JSON, as a worn flash cell might.</summary>
    public void CorruptFlash(string record) => File.WriteAllText(Path.Combine(FlashDirectory, record + ".json"), "\u0001 not json");

    public async Task PowerOnAsync()
    {
        var mark = Ecr.LineCount;
        Terminal.PowerOn();
        await Ecr.WaitForAsync(line => line.Kind == EcrLineKind.Ready, mark, Token);
    }

    /// <summary>Starts a sale and swipes the card once the terminal prompts; the task ends with the RESULT.</summary>
    /// <param name="passage">How long the card takes to cross the reader's head; null: the swiper does not say.</param>
    public async Task<Task<EcrSaleResult>> StartSaleAsync(long amount, string? rawTrack = null, TimeSpan? passage = null)
    {
        var mark = Ecr.LineCount;
        var sale = Ecr.SaleAsync(amount, Token);
        await Ecr.WaitForAsync(line => line.Kind == EcrLineKind.PromptCard, mark, Token);
        Assert.That(Terminal.Swipe(rawTrack ?? Card.RawTrack, passage), Is.True, "the terminal should take the swipe");
        return sale;
    }

    public async Task<EcrSaleResult> SellAsync(long amount, TimeSpan? passage = null) => await await StartSaleAsync(amount, passage: passage);

    /// <summary>Waits until the firmware is in <paramref name="state"/>: the host seeing a request does not mean the firmware has moved on yet.</summary>
    public Task WaitForStateAsync(TerminalState state) => TerminalStates.WaitForAsync(Terminal, state, Token);

    /// <summary>
    /// Gives the firmware a moment of wall time to do something it should not do. Only for checking that a
    /// timer has not fired yet: "nothing happened" has no event to wait for. Everything else waits for an event.
    /// </summary>
    public static Task Quiet() => Task.Delay(200);

    public async ValueTask DisposeAsync()
    {
        await Terminal.DisposeAsync();
        await Ecr.DisposeAsync();
        await Host.DisposeAsync();
        await Modem.DisposeAsync();
        cable.Dispose();
        deadline.Dispose();
        try { Directory.Delete(FlashDirectory, recursive: true); } catch (IOException) { }
    }
}
